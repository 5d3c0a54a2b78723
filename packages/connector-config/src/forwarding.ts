import { keyOf, matchingPattern } from './address-match.js';
import { jsonPath, ProblemList, type ValidationContext, type ValidationResult } from './problem.js';
import { forwardingSchema } from './schemas.js';
import { checkNotUser, parseConfig, prepareContext } from './validate-common.js';

/**
 * Validates forwarding from the customer's domain to the helpdesk: the forwarding set-up (FWD-1), Microsoft 365's
 * external forwarding policy (FWD-2), the number of hops (REQ-2; FWD-3 and REQ-3 on Microsoft 365), the anti-phishing "via" tag (FWD-4), and
 * addresses that would loop (LOOP-4).
 *
 * @rule FWD-1, FWD-2, FWD-3, FWD-4, REQ-2, REQ-3, LOOP-4
 * @example
 * validateForwarding({
 *   kind: 'forwarding', provider: 'microsoft-365', method: 'mailbox-forwarding', externalForwarding: 'automatic',
 *   supportAddress: 'support@contoso.com', ingestionAddress: 'contoso@ticketing.atera.com',
 * }).problems.map((p) => p.rule); // ['FWD-2']
 */
export function validateForwarding(config: unknown, context?: ValidationContext): ValidationResult {
  const out = new ProblemList();
  const c = parseConfig('forwarding', forwardingSchema, config, out);
  if (c === null) return out.result();
  const ctx = prepareContext(context);
  const microsoft = c.provider === 'microsoft-365';

  if (keyOf(c.supportAddress) === keyOf(c.ingestionAddress)) {
    out.error(
      'LOOP-4',
      jsonPath(['ingestionAddress']),
      'The support address forwards to itself: every message would loop.',
      "Forward to the helpdesk's ingestion address (e.g. yourcompany@ticketing.atera.com).",
    );
  } else if (matchingPattern(c.ingestionAddress, ctx.systemPatterns) === null) {
    out.warning(
      'FWD-1',
      jsonPath(['ingestionAddress']),
      `${c.ingestionAddress} does not look like the helpdesk's ingestion address; mail forwarded there will not become tickets.`,
      'Copy the ingestion address from the helpdesk settings (for Atera: <company>@ticketing.atera.com).',
    );
  }
  if (matchingPattern(c.supportAddress, ctx.systemPatterns) !== null) {
    out.error(
      'LOOP-4',
      jsonPath(['supportAddress']),
      `${c.supportAddress} is a helpdesk system address; forwarding it into the helpdesk loops.`,
      'Forward from an address on your own domain.',
    );
  }
  checkNotUser(out, jsonPath(['supportAddress']), c.supportAddress, ctx);

  if (microsoft && c.mailContact === false) {
    out.error(
      'FWD-1',
      jsonPath(['mailContact']),
      'Microsoft 365 forwards to an outside address through a mail contact; there is none for the ingestion address.',
      `Create a mail contact for ${c.ingestionAddress} in the Exchange admin center.`,
    );
  }
  if (c.method === 'distribution-group' && c.acceptsExternalSenders === false) {
    out.error(
      'FWD-1',
      jsonPath(['acceptsExternalSenders']),
      'The distribution group only accepts mail from inside your organisation, so customers’ mail is refused.',
      'In the group’s delivery management, allow senders inside and outside the organisation.',
    );
  }
  if (c.method === 'mailbox-forwarding' && !c.keepCopy) {
    out.warning(
      'FWD-1',
      jsonPath(['keepCopy']),
      'Forwarded mail is not kept in the mailbox; if forwarding breaks, nothing is left to recover.',
      'Turn on "keep a copy of forwarded messages".',
    );
  }

  const forwards = c.method === 'mailbox-forwarding' || c.method === 'inbox-rule';
  if (microsoft && forwards && c.externalForwarding !== undefined && c.externalForwarding !== 'on') {
    out.error(
      'FWD-2',
      jsonPath(['externalForwarding']),
      `Automatic external forwarding is ${c.externalForwarding === 'automatic' ? '"Automatic - System-controlled" (which means off)' : 'off'} in the outbound anti-spam policy; Microsoft refuses the forward with 550 5.7.520 Access denied ... AS(7555).`,
      'Set automatic forwarding to "On - Forwarding is enabled" in the outbound anti-spam policy, or forward with a transport (mail flow) rule instead.',
    );
  }

  const hops = c.hops ?? [c.supportAddress];
  const last = hops[hops.length - 1]!;
  if (c.hops !== undefined && keyOf(last) !== keyOf(c.supportAddress)) {
    out.error(
      'FWD-1',
      jsonPath(['hops', hops.length - 1]),
      `The last hop ${last} is not the support address ${c.supportAddress}; the helpdesk would see mail arrive from the wrong address.`,
      'List the hops in order, ending with the support address that forwards to the helpdesk.',
    );
  }
  if (hops.length > 1) {
    out.error(
      'REQ-2',
      jsonPath(['hops']),
      `Mail passes ${hops.length} forwarding hops (${hops.join(' → ')}) before the helpdesk; with more than one, the requester becomes whatever address stands first in Reply-To/From, which can be wrong.`,
      `Forward every address directly to ${c.ingestionAddress}, each as its own support address.`,
    );
    if (microsoft) {
      out.error(
        'FWD-3',
        jsonPath(['hops']),
        'Microsoft 365 allows only one redirection: a second forwarding hop cannot be set up and mail stops at the first one.',
        `Forward ${hops[0]} straight to ${c.ingestionAddress}.`,
      );
    }
  }
  if (microsoft && c.antiPhishingViaTag === true) {
    out.warning(
      'FWD-4',
      jsonPath(['antiPhishingViaTag']),
      'The anti-phishing "via" tag is on; forwarded tickets may show the wrong sender.',
      'Turn off "Show via tag" in the anti-phishing policy (Microsoft 365 Defender > Policies > Anti-phishing).',
    );
  }
  return out.result();
}
