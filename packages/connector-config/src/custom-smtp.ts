import { keyOf } from './address-match.js';
import { createIpAllowlist } from './ip-allowlist.js';
import { SENDING_NETWORK_PRESETS } from './presets.js';
import { jsonPath, ProblemList, type ValidationContext, type ValidationResult } from './problem.js';
import { customSmtpSchema } from './schemas.js';
import { checkOutboundServer } from './transport.js';
import { checkSendingAddress, parseConfig, prepareContext } from './validate-common.js';

/** Options of {@link validateCustomSmtp} beyond the shared context. */
export interface CustomSmtpContext extends ValidationContext {
  /** The networks the customer's server must accept (CSMTP-3); default: the Atera presets. */
  readonly sendingNetworks?:
    | { readonly wide: readonly string[]; readonly narrow: readonly string[] }
    | undefined;
}

const isStringList = (v: unknown): v is readonly string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The networks to require: the context's when well formed, else the CSMTP-3 presets. */
function sendingNetworksOf(context: CustomSmtpContext | undefined): {
  wide: readonly string[];
  narrow: readonly string[];
} {
  const given: unknown =
    typeof context === 'object' && context !== null ? context.sendingNetworks : undefined;
  if (typeof given === 'object' && given !== null) {
    const { wide, narrow } = given as { wide?: unknown; narrow?: unknown };
    if (isStringList(wide) && isStringList(narrow)) return { wide, narrow };
  }
  return { wide: SENDING_NETWORK_PRESETS['atera-wide'], narrow: SENDING_NETWORK_PRESETS['atera-narrow'] };
}

/** Prefix lengths shorter than this open the server to a large part of the Internet. */
const BROADEST_SENSIBLE_IPV4_PREFIX = 8;

/**
 * Validates custom outbound SMTP: server settings and test send (CSMTP-1, plus SMTP-14/SMTP-15 for Microsoft 365),
 * Send As when the mailbox differs from the support address (CSMTP-2), the allowlist of the helpdesk's sending
 * networks (CSMTP-3), white-labelling expectations (CSMTP-4), and no system or user address (OUT-4, LOOP-4).
 *
 * @rule CSMTP-1, CSMTP-2, CSMTP-3, CSMTP-4, SMTP-14, SMTP-15, OUT-4, LOOP-4
 * @example
 * validateCustomSmtp({
 *   kind: 'custom-smtp', supportAddress: 'support@contoso.com', host: 'smtp.office365.com', port: 587,
 *   tls: 'starttls', username: 'relay@contoso.com', password: '…', testSend: 'succeeded',
 * }).problems[0]?.rule; // 'CSMTP-2' (relay@ needs Send As on support@)
 */
export function validateCustomSmtp(config: unknown, context?: CustomSmtpContext): ValidationResult {
  const out = new ProblemList();
  const c = parseConfig('custom-smtp', customSmtpSchema, config, out);
  if (c === null) return out.result();
  const ctx = prepareContext(context);

  checkOutboundServer(out, [], c, c.provider, 'CSMTP-1', false);
  if (c.testSend === 'failed') {
    out.error(
      'CSMTP-1',
      jsonPath(['testSend']),
      'The last test send failed; the helpdesk keeps sending from its default no-reply address until one succeeds.',
      'Fix the settings (paste the error into diagnoseSmtpReply / mailroom) and send a test again.',
    );
  } else if (c.testSend === 'not-run') {
    out.warning(
      'CSMTP-1',
      jsonPath(['testSend']),
      'No test send yet; the custom server only replaces the default sender after a successful test.',
      'Send a test message from the SMTP settings page.',
    );
  }

  checkSendingAddress(out, jsonPath(['supportAddress']), c.supportAddress, ctx);
  const mailbox = c.mailbox ?? (c.username.includes('@') ? c.username : undefined);
  if (mailbox !== undefined && keyOf(mailbox) !== keyOf(c.supportAddress)) {
    checkSendingAddress(out, jsonPath([c.mailbox === undefined ? 'username' : 'mailbox']), mailbox, ctx);
    if (c.sendAsGranted !== true) {
      out.error(
        'CSMTP-2',
        jsonPath(['sendAsGranted']),
        `The SMTP mailbox ${mailbox} is not the support address ${c.supportAddress}; without Send As permission the server refuses to send as ${c.supportAddress} (SendAsDenied).`,
        `Grant ${mailbox} Send As on ${c.supportAddress} (Exchange admin center > Recipients > Mailboxes > Delegation), then set sendAsGranted to true.`,
      );
    }
  }

  if (c.allowlistedNetworks !== undefined) {
    const list = createIpAllowlist(c.allowlistedNetworks);
    for (const bad of list.rejected) {
      out.error(
        'CSMTP-3',
        jsonPath(['allowlistedNetworks', bad.index]),
        `Allowlist entry "${bad.source}" is not usable: ${bad.reason}.`,
        'Write an IPv4/IPv6 address or a CIDR range such as 52.157.0.0/16.',
      );
    }
    list.entries.forEach((entry, i) => {
      const bits = Number(entry.cidr.slice(entry.cidr.indexOf('/') + 1));
      if (entry.family === 'ipv4' && bits < BROADEST_SENSIBLE_IPV4_PREFIX) {
        out.warning(
          'CSMTP-3',
          jsonPath(['allowlistedNetworks', i]),
          `${entry.source} allows a large part of the Internet to relay through your server.`,
          "Allow only the helpdesk's published sending networks.",
        );
      }
    });
    const networks = sendingNetworksOf(context);
    const wideCovered = networks.wide.every((n) => list.covers(n));
    const missing = networks.narrow.filter((n) => !list.covers(n));
    if (!wideCovered && missing.length > 0) {
      out.warning(
        'CSMTP-3',
        jsonPath(['allowlistedNetworks']),
        `The helpdesk's sending networks are not all allowed; mail from ${missing.join(', ')} may be refused.`,
        `Allow ${networks.wide.join(' and ')}, or where a /16 is too broad, every network of the narrower list.`,
      );
    }
  }

  if (c.whiteLabel?.reportsAndInvoices === true) {
    out.warning(
      'CSMTP-4',
      jsonPath(['whiteLabel', 'reportsAndInvoices']),
      'White-labelling covers ticket replies only: reports and invoices still come from the default no-reply address.',
      'Tell recipients of reports and invoices to expect the default sender.',
    );
  }
  return out.result();
}
