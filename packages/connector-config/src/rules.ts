/** Every RULES.md id this package cites in a problem, a diagnosis or a state-machine notice. */
export type ConnectorRuleId =
  | 'SMTP-1'
  | 'SMTP-2'
  | 'SMTP-3'
  | 'SMTP-4'
  | 'SMTP-5'
  | 'SMTP-6'
  | 'SMTP-7'
  | 'SMTP-8'
  | 'SMTP-9'
  | 'SMTP-10'
  | 'SMTP-11'
  | 'SMTP-12'
  | 'SMTP-13'
  | 'SMTP-14'
  | 'SMTP-15'
  | 'GMAIL-1'
  | 'GMAIL-2'
  | 'GMAIL-3'
  | 'GMAIL-4'
  | 'GMAIL-5'
  | 'GMAIL-6'
  | 'EXCH-1'
  | 'EXCH-2'
  | 'EXCH-3'
  | 'EXCH-4'
  | 'FWD-1'
  | 'FWD-2'
  | 'FWD-3'
  | 'FWD-4'
  | 'CSMTP-1'
  | 'CSMTP-2'
  | 'CSMTP-3'
  | 'CSMTP-4'
  | 'OUT-2'
  | 'OUT-4'
  | 'LOOP-4'
  | 'REQ-2'
  | 'REQ-3'
  | 'AUTH-1';

/** What a rule says, in one line an admin can read next to a problem. */
export interface ConnectorRule {
  readonly id: ConnectorRuleId;
  readonly title: string;
}

/**
 * The rule catalogue this package cites, keyed by RULES.md id. Every `rule` field this package produces is a key of
 * this table; a test checks that every key exists in `../shared/spec/RULES.md`.
 */
export const CONNECTOR_RULES: Readonly<Record<ConnectorRuleId, ConnectorRule>> = Object.freeze({
  'SMTP-1': {
    id: 'SMTP-1',
    title: 'Two modes: bidirectional (TLS + credentials both ways) or outbound-only',
  },
  'SMTP-2': {
    id: 'SMTP-2',
    title: 'No bidirectional mode on Microsoft 365 / Exchange Online / Google Workspace',
  },
  'SMTP-3': { id: 'SMTP-3', title: 'At most 50 addresses per SMTP domain and at most 4 domains' },
  'SMTP-4': { id: 'SMTP-4', title: 'Bidirectional: mail is received and sent through the same domain' },
  'SMTP-5': {
    id: 'SMTP-5',
    title: 'A connector domain must have no existing support address when it is added',
  },
  'SMTP-6': { id: 'SMTP-6', title: 'Authentication protocol is PLAIN' },
  'SMTP-7': {
    id: 'SMTP-7',
    title: 'Two inbound credential sets only during a rotation; revocation is immediate',
  },
  'SMTP-8': {
    id: 'SMTP-8',
    title: 'Outbound needs host, username, password of a real mailbox (no alias or group)',
  },
  'SMTP-9': {
    id: 'SMTP-9',
    title: 'Outbound-only cannot reuse a support address that uses plain forwarding',
  },
  'SMTP-10': { id: 'SMTP-10', title: 'Connector addresses cannot be added through the API' },
  'SMTP-11': { id: 'SMTP-11', title: 'Verification states: failed, pending, verified (per direction)' },
  'SMTP-12': { id: 'SMTP-12', title: 'No greylisting of connector traffic; allowlist the helpdesk IPs' },
  'SMTP-13': { id: 'SMTP-13', title: 'Never the same support address in a sandbox and in production' },
  'SMTP-14': { id: 'SMTP-14', title: 'Microsoft 365: SMTP AUTH on, smtp.office365.com, port 587 or 25' },
  'SMTP-15': { id: 'SMTP-15', title: 'The username may have to be an email address' },
  'GMAIL-1': { id: 'GMAIL-1', title: 'Inbox polled every minute; only new unread messages become tickets' },
  'GMAIL-2': { id: 'GMAIL-2', title: 'Initial import: the 50 most recent messages, triggers suppressed' },
  'GMAIL-3': { id: 'GMAIL-3', title: 'No duplicate tickets after a reconnection' },
  'GMAIL-4': { id: 'GMAIL-4', title: 'Each connected Gmail account becomes a support address' },
  'GMAIL-5': { id: 'GMAIL-5', title: 'Sending limits: 500/day (Gmail), 2,000/day (Google Workspace)' },
  'GMAIL-6': { id: 'GMAIL-6', title: 'No real attachments when sending through Gmail' },
  'EXCH-1': { id: 'EXCH-1', title: 'Exchange Online / Microsoft 365 only, not on-premises Exchange Server' },
  'EXCH-2': {
    id: 'EXCH-2',
    title: 'Only unread inbox messages; notifications sent from the Microsoft address',
  },
  'EXCH-3': { id: 'EXCH-3', title: 'CCs and followers must be enabled' },
  'EXCH-4': { id: 'EXCH-4', title: 'OUT-2 and OUT-4 apply to the Exchange connector' },
  'FWD-1': {
    id: 'FWD-1',
    title: 'Forward to the ingestion address via a mail contact + group or forwarding',
  },
  'FWD-2': { id: 'FWD-2', title: 'Automatic external forwarding must be allowed (else 5.7.520 AS(7555))' },
  'FWD-3': { id: 'FWD-3', title: 'Only one redirection is possible' },
  'FWD-4': { id: 'FWD-4', title: 'Turn off the anti-phishing "via" tag when tickets show the wrong sender' },
  'CSMTP-1': { id: 'CSMTP-1', title: 'Custom SMTP: host, port, username, password, TLS; test send first' },
  'CSMTP-2': { id: 'CSMTP-2', title: 'A mailbox other than the support address needs Send As on it' },
  'CSMTP-3': { id: 'CSMTP-3', title: "Allowlist the helpdesk's sending networks" },
  'CSMTP-4': { id: 'CSMTP-4', title: 'White-labelling covers ticket replies only' },
  'OUT-2': { id: 'OUT-2', title: 'Loop-prevention headers must survive relaying' },
  'OUT-4': { id: 'OUT-4', title: 'No sending for system addresses through customer servers' },
  'LOOP-4': { id: 'LOOP-4', title: 'Support addresses are never users' },
  'REQ-2': { id: 'REQ-2', title: 'More than one forwarding hop is unsupported (wrong requester)' },
  'REQ-3': { id: 'REQ-3', title: 'Only one redirection hop is possible from Microsoft 365' },
  'AUTH-1': {
    id: 'AUTH-1',
    title: "Relayed mail must be DKIM-signed by the customer's domain; SPF/DKIM/DMARC pass",
  },
});

/**
 * Whether a string is a rule id this package knows (a key of {@link CONNECTOR_RULES}).
 *
 * @example
 * isConnectorRuleId('SMTP-7'); // true
 * isConnectorRuleId('SMTP-99'); // false
 */
export function isConnectorRuleId(value: string): value is ConnectorRuleId {
  return Object.hasOwn(CONNECTOR_RULES, value);
}
