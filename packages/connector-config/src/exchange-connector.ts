import { keyOf } from './address-match.js';
import { jsonPath, ProblemList, type ValidationContext, type ValidationResult } from './problem.js';
import { exchangeConnectorSchema } from './schemas.js';
import { checkSendingAddress, parseConfig, prepareContext } from './validate-common.js';

/** Host names of Microsoft's cloud endpoints (EWS, Graph, Outlook); anything else is an on-premises server. */
export const EXCHANGE_ONLINE_HOSTS: readonly string[] = Object.freeze([
  'outlook.office365.com',
  'outlook.office.com',
  'graph.microsoft.com',
]);

/**
 * Validates a Microsoft Exchange connector: Exchange Online only (EXCH-1), unread inbox messages and notifications
 * from the mailbox (EXCH-2), CCs and followers on (EXCH-3), headers preserved and no system address (EXCH-4 with
 * OUT-2/OUT-4), mailbox not a user's address (LOOP-4).
 *
 * @rule EXCH-1, EXCH-2, EXCH-3, EXCH-4, LOOP-4
 * @example
 * validateExchangeConnector({
 *   kind: 'exchange-connector', mailbox: 'support@contoso.com',
 *   deployment: 'exchange-server', ccsAndFollowersEnabled: true,
 * }).valid; // false (EXCH-1)
 */
export function validateExchangeConnector(config: unknown, context?: ValidationContext): ValidationResult {
  const out = new ProblemList();
  const c = parseConfig('exchange-connector', exchangeConnectorSchema, config, out);
  if (c === null) return out.result();
  const ctx = prepareContext(context);

  if (c.deployment === 'exchange-server') {
    out.error(
      'EXCH-1',
      jsonPath(['deployment']),
      'The Exchange connector works with Exchange Online / Microsoft 365 only, not with an on-premises Exchange Server.',
      'Use the authenticated SMTP connector (bidirectional) for an on-premises Exchange Server.',
    );
  }
  if (c.serverUrl !== undefined) {
    const url = URL.canParse(c.serverUrl) ? new URL(c.serverUrl) : null;
    if (url === null) {
      out.error(
        'EXCH-1',
        jsonPath(['serverUrl']),
        `"${c.serverUrl.slice(0, 100)}" is not a URL.`,
        'Leave serverUrl out: the connector finds the Exchange Online endpoint itself.',
      );
    } else if (!EXCHANGE_ONLINE_HOSTS.includes(url.hostname.toLowerCase())) {
      out.error(
        'EXCH-1',
        jsonPath(['serverUrl']),
        `${url.hostname} is not an Exchange Online endpoint; this looks like an on-premises Exchange Server.`,
        'Use the authenticated SMTP connector for on-premises Exchange, or connect the Microsoft 365 mailbox.',
      );
    }
  }

  if (c.sendFrom !== undefined && keyOf(c.sendFrom) !== keyOf(c.mailbox)) {
    out.error(
      'EXCH-2',
      jsonPath(['sendFrom']),
      `Notifications go out from the connected Microsoft mailbox ${c.mailbox}, not from ${c.sendFrom}.`,
      `Connect the mailbox ${c.sendFrom} instead, or remove sendFrom.`,
    );
  }
  if (c.importFolder.trim().toLowerCase() !== 'inbox') {
    out.warning(
      'EXCH-2',
      jsonPath(['importFolder']),
      `Only messages in the Inbox become tickets; mail in "${c.importFolder}" is never read.`,
      'Make sure support mail lands in the Inbox (check inbox rules that move it away).',
    );
  }
  if (c.importReadMessages) {
    out.warning(
      'EXCH-2',
      jsonPath(['importReadMessages']),
      'Only unread messages become tickets; a message someone opened in Outlook first is skipped.',
      'Keep the support mailbox out of people’s Outlook, or do not mark messages read before the connector polls.',
    );
  }
  if (!c.ccsAndFollowersEnabled) {
    out.error(
      'EXCH-3',
      jsonPath(['ccsAndFollowersEnabled']),
      'CCs and followers are disabled; the Exchange connector requires them.',
      'Enable CCs and followers in the helpdesk settings.',
    );
  }
  if (!c.preservesHelpdeskHeaders) {
    out.error(
      'EXCH-4',
      jsonPath(['preservesHelpdeskHeaders']),
      'A transport rule strips or rewrites the helpdesk headers on the way out (OUT-2); loop prevention breaks.',
      'Exclude helpdesk notifications from header-rewriting transport rules and disclaimers.',
    );
  }
  checkSendingAddress(out, jsonPath(['mailbox']), c.mailbox, ctx, 'EXCH-4');
  return out.result();
}
