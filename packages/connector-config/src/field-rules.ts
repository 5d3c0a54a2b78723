import type { z } from 'zod';
import { jsonPath, type ProblemList } from './problem.js';
import type { ConnectorRuleId } from './rules.js';
import type { ConnectorKind } from './schemas.js';

/** Which rule a schema field comes from, and what to tell the admin when its value is not readable. */
export interface FieldRule {
  /** Dotted path from the config root, `*` for any array index; `''` is the whole config. */
  readonly field: string;
  readonly rule: ConnectorRuleId;
  /** The setting's name as an admin sees it. */
  readonly label: string;
  readonly fix: string;
}

/**
 * For each connector kind, the rule each field implements. A structural problem (wrong type, missing field, unknown
 * key) cites the rule of the deepest listed field containing it, so every problem names a RULES.md id.
 */
export const SCHEMA_FIELD_RULES: Readonly<Record<ConnectorKind, readonly FieldRule[]>> = Object.freeze({
  'smtp-connector': [
    {
      field: '',
      rule: 'SMTP-1',
      label: 'SMTP connector',
      fix: 'Describe the connector as a JSON object with kind "smtp-connector", a name, a mode and its domains.',
    },
    {
      field: 'mode',
      rule: 'SMTP-1',
      label: 'Mode',
      fix: 'Set mode to "bidirectional" or "outbound-only".',
    },
    {
      field: 'provider',
      rule: 'SMTP-2',
      label: 'Mail provider',
      fix: 'Use one of microsoft-365, google-workspace, gmail, exchange-server, other.',
    },
    {
      field: 'environment',
      rule: 'SMTP-13',
      label: 'Environment',
      fix: 'Set environment to "production" or "sandbox".',
    },
    {
      field: 'ccsAndFollowersEnabled',
      rule: 'EXCH-3',
      label: 'CCs and followers',
      fix: 'Use true or false.',
    },
    {
      field: 'customerServer',
      rule: 'SMTP-12',
      label: 'Customer server settings',
      fix: 'Use greylisting, helpdeskIpsAllowlisted and preservesHelpdeskHeaders as true/false.',
    },
    {
      field: 'customerServer.preservesHelpdeskHeaders',
      rule: 'OUT-2',
      label: 'Header preservation',
      fix: 'Use true or false.',
    },
    {
      field: 'domains',
      rule: 'SMTP-3',
      label: 'Connector domains',
      fix: 'List at most 4 domains, each with its addresses.',
    },
    {
      field: 'domains.*.domain',
      rule: 'SMTP-5',
      label: 'Connector domain',
      fix: 'Write the bare domain name, e.g. support.example.com.',
    },
    {
      field: 'domains.*.authProtocol',
      rule: 'SMTP-6',
      label: 'Authentication protocol',
      fix: 'Leave the authentication protocol at PLAIN.',
    },
    {
      field: 'domains.*.inboundCredentials',
      rule: 'SMTP-7',
      label: 'Inbound credentials',
      fix: 'List the credential sets the helpdesk issued: id, username, createdAt and, during a rotation, retireBy.',
    },
    {
      field: 'domains.*.addresses',
      rule: 'SMTP-3',
      label: 'Connector addresses',
      fix: 'List at most 50 addresses per domain.',
    },
    {
      field: 'domains.*.addresses.*.address',
      rule: 'SMTP-4',
      label: 'Support address',
      fix: 'Write the full address on the connector domain, e.g. help@support.example.com.',
    },
    {
      field: 'domains.*.addresses.*.type',
      rule: 'SMTP-8',
      label: 'Address type',
      fix: 'Use mailbox, shared-mailbox, alias or distribution-group.',
    },
    {
      field: 'domains.*.addresses.*.brand',
      rule: 'SMTP-8',
      label: 'Brand',
      fix: 'Write the brand name as text.',
    },
    {
      field: 'domains.*.addresses.*.outbound',
      rule: 'SMTP-8',
      label: 'Outbound settings',
      fix: 'Give host, port, tls, username and password of the mailbox on your mail server.',
    },
    {
      field: 'domains.*.addresses.*.outbound.host',
      rule: 'SMTP-8',
      label: 'Outbound host',
      fix: 'Write the host name only, e.g. smtp.office365.com (no smtp://, no :587).',
    },
    {
      field: 'domains.*.addresses.*.outbound.port',
      rule: 'SMTP-8',
      label: 'Outbound port',
      fix: 'Write the port as a number: 587, 465 or 25.',
    },
    {
      field: 'domains.*.addresses.*.outbound.username',
      rule: 'SMTP-8',
      label: 'Outbound username',
      fix: 'Write the SMTP login of the mailbox, usually its full email address.',
    },
    {
      field: 'domains.*.addresses.*.outbound.password',
      rule: 'SMTP-8',
      label: 'Outbound password',
      fix: 'Write the mailbox password (or app password) as text.',
    },
    {
      field: 'domains.*.addresses.*.outbound.tls',
      rule: 'SMTP-1',
      label: 'TLS mode',
      fix: 'Use "starttls" (ports 587/25) or "implicit" (port 465).',
    },
    {
      field: 'domains.*.addresses.*.outbound.smtpAuthEnabled',
      rule: 'SMTP-14',
      label: 'SMTP AUTH',
      fix: 'Use true or false.',
    },
    {
      field: 'domains.*.addresses.*.outbound.sendAs',
      rule: 'SMTP-4',
      label: 'Send-as address',
      fix: 'Write a full address on the connector domain, or leave it out to send as the support address.',
    },
    {
      field: 'domains.*.addresses.*.verification',
      rule: 'SMTP-11',
      label: 'Verification state',
      fix: 'Use failed, pending or verified for inbound, outbound and forwarding.',
    },
  ],
  'gmail-connector': [
    {
      field: '',
      rule: 'GMAIL-4',
      label: 'Gmail connector',
      fix: 'Describe the connector as a JSON object with kind "gmail-connector" and at least one account.',
    },
    {
      field: 'accounts.*.address',
      rule: 'GMAIL-4',
      label: 'Gmail address',
      fix: 'Write the full Gmail or Google Workspace address.',
    },
    {
      field: 'accounts.*.sendThroughGmail',
      rule: 'GMAIL-5',
      label: 'Send through Gmail',
      fix: 'Use true or false.',
    },
    {
      field: 'accounts.*.pollIntervalSeconds',
      rule: 'GMAIL-1',
      label: 'Poll interval',
      fix: 'Use a whole number of seconds; the connector polls every 60.',
    },
    {
      field: 'accounts.*.importOnly',
      rule: 'GMAIL-1',
      label: 'Messages imported',
      fix: 'Use "unread".',
    },
    {
      field: 'accounts.*.initialImport',
      rule: 'GMAIL-2',
      label: 'Initial import',
      fix: 'Use "none" or "last-50".',
    },
    {
      field: 'accounts.*.initialImportCount',
      rule: 'GMAIL-2',
      label: 'Initial import size',
      fix: 'Use a whole number up to 50.',
    },
    {
      field: 'accounts.*.suppressTriggersOnInitialImport',
      rule: 'GMAIL-2',
      label: 'Trigger suppression',
      fix: 'Use true.',
    },
    {
      field: 'accounts.*.expectedDailyNotifications',
      rule: 'GMAIL-5',
      label: 'Daily notifications',
      fix: 'Use a whole number of notifications per day.',
    },
    {
      field: 'accounts.*.notificationAttachments',
      rule: 'GMAIL-6',
      label: 'Notification attachments',
      fix: 'Use "links" or "files".',
    },
  ],
  'exchange-connector': [
    {
      field: '',
      rule: 'EXCH-1',
      label: 'Exchange connector',
      fix: 'Describe the connector as a JSON object with kind "exchange-connector", a mailbox and a deployment.',
    },
    {
      field: 'mailbox',
      rule: 'EXCH-2',
      label: 'Mailbox',
      fix: 'Write the full Microsoft 365 mailbox address.',
    },
    {
      field: 'sendFrom',
      rule: 'EXCH-2',
      label: 'Send-from address',
      fix: 'Leave it out: notifications go out from the connected mailbox.',
    },
    {
      field: 'importFolder',
      rule: 'EXCH-2',
      label: 'Import folder',
      fix: 'Use "Inbox".',
    },
    {
      field: 'importReadMessages',
      rule: 'EXCH-2',
      label: 'Import read messages',
      fix: 'Use false.',
    },
    {
      field: 'ccsAndFollowersEnabled',
      rule: 'EXCH-3',
      label: 'CCs and followers',
      fix: 'Set ccsAndFollowersEnabled to true or false (as it is on the helpdesk).',
    },
    {
      field: 'preservesHelpdeskHeaders',
      rule: 'EXCH-4',
      label: 'Header preservation',
      fix: 'Use true or false.',
    },
  ],
  forwarding: [
    {
      field: '',
      rule: 'FWD-1',
      label: 'Forwarding',
      fix: 'Describe forwarding as a JSON object with kind "forwarding", supportAddress, ingestionAddress, method.',
    },
    {
      field: 'externalForwarding',
      rule: 'FWD-2',
      label: 'External forwarding policy',
      fix: 'Use "on", "off" or "automatic" as set in the outbound anti-spam policy.',
    },
    {
      field: 'hops',
      rule: 'REQ-2',
      label: 'Forwarding hops',
      fix: 'List the addresses mail passes through, first to last, as full addresses.',
    },
    {
      field: 'antiPhishingViaTag',
      rule: 'FWD-4',
      label: 'Anti-phishing "via" tag',
      fix: 'Use true or false.',
    },
  ],
  'custom-smtp': [
    {
      field: '',
      rule: 'CSMTP-1',
      label: 'Custom SMTP',
      fix: 'Describe the server as a JSON object with kind "custom-smtp", supportAddress, host, port, tls, username, password.',
    },
    {
      field: 'host',
      rule: 'CSMTP-1',
      label: 'SMTP host',
      fix: 'Write the host name only, e.g. smtp.office365.com (no smtp://, no :587).',
    },
    {
      field: 'port',
      rule: 'CSMTP-1',
      label: 'SMTP port',
      fix: 'Write the port as a number: 587 (STARTTLS) or 465 (implicit TLS).',
    },
    {
      field: 'tls',
      rule: 'CSMTP-1',
      label: 'TLS mode',
      fix: 'Use "starttls", "implicit" or "none".',
    },
    {
      field: 'testSend',
      rule: 'CSMTP-1',
      label: 'Test send',
      fix: 'Use "succeeded", "failed" or "not-run".',
    },
    {
      field: 'mailbox',
      rule: 'CSMTP-2',
      label: 'SMTP mailbox',
      fix: 'Write the full address of the mailbox the SMTP login belongs to.',
    },
    {
      field: 'sendAsGranted',
      rule: 'CSMTP-2',
      label: 'Send As permission',
      fix: 'Use true or false.',
    },
    {
      field: 'smtpAuthEnabled',
      rule: 'SMTP-14',
      label: 'SMTP AUTH',
      fix: 'Use true or false.',
    },
    {
      field: 'allowlistedNetworks',
      rule: 'CSMTP-3',
      label: 'Allowlisted networks',
      fix: 'List IPv4/IPv6 addresses or CIDR ranges as strings, e.g. "52.157.0.0/16".',
    },
    {
      field: 'whiteLabel',
      rule: 'CSMTP-4',
      label: 'White-labelling',
      fix: 'Use ticketReplies and reportsAndInvoices as true/false.',
    },
  ],
});

function fieldOf(segments: readonly PropertyKey[]): string[] {
  return segments.map((s) => (typeof s === 'number' ? '*' : String(s)));
}

/** The deepest table entry whose field contains the path (the root entry at worst). */
function ruleFor(kind: ConnectorKind, segments: readonly PropertyKey[]): FieldRule {
  const table = SCHEMA_FIELD_RULES[kind];
  const field = fieldOf(segments);
  let best = table[0]!;
  let bestDepth = -1;
  for (const entry of table) {
    const parts = entry.field === '' ? [] : entry.field.split('.');
    if (parts.length > field.length || parts.length <= bestDepth) continue;
    if (parts.every((p, i) => p === field[i])) {
      best = entry;
      bestDepth = parts.length;
    }
  }
  return best;
}

/** Most structural problems reported per configuration; the last one says how many more there were. */
const MAX_STRUCTURAL_PROBLEMS = 50;

function pathSegments(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

function valueAt(input: unknown, segments: readonly PropertyKey[]): unknown {
  let value = input;
  for (const s of segments) {
    if (typeof value !== 'object' || value === null) return undefined;
    const key = typeof s === 'number' ? String(s) : s;
    if (typeof key !== 'string' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Turns zod issues into problems that cite the rule of the field they concern.
 *
 * @example
 * const r = smtpConnectorSchema.safeParse(input);
 * if (!r.success) addSchemaIssues('smtp-connector', input, r.error.issues, problems);
 */
export function addSchemaIssues(
  kind: ConnectorKind,
  input: unknown,
  issues: readonly z.core.$ZodIssue[],
  out: ProblemList,
): void {
  let count = 0;
  for (const issue of issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [null];
    for (const key of keys) {
      if (count === MAX_STRUCTURAL_PROBLEMS) {
        const root = SCHEMA_FIELD_RULES[kind][0]!;
        out.error(
          root.rule,
          '$',
          'Many more settings are unreadable; only the first ones are listed.',
          root.fix,
        );
      }
      count++;
      if (count > MAX_STRUCTURAL_PROBLEMS) continue;
      const segments = key === null ? issue.path : [...issue.path, key];
      const entry = ruleFor(kind, segments);
      const path = jsonPath(pathSegments(segments));
      if (key !== null) {
        out.error(
          entry.rule,
          path,
          `Unknown setting "${key.slice(0, 80)}" (a misspelt setting is ignored by the connector).`,
          `Remove "${key.slice(0, 80)}" or correct its spelling.`,
        );
      } else if (issue.code === 'invalid_type' && valueAt(input, segments) === undefined) {
        out.error(entry.rule, path, `${entry.label}: this setting is required and missing.`, entry.fix);
      } else {
        out.error(entry.rule, path, `${entry.label}: ${issue.message}.`, entry.fix);
      }
    }
  }
}
