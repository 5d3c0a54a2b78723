// Realistic connector configurations that the validators accept with no problem at all. Tests copy one with
// `variant` and change the one setting their rule is about. Domains are Microsoft's and Google's documentation
// tenants (contoso.com, fabrikam.com, northwind-traders.com, tailspintoys.com); hosts are the real provider hosts.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Outbound-only SMTP connector on Microsoft 365 (SMTP-14 settings). */
export const smtpOutboundOnly = {
  kind: 'smtp-connector',
  name: 'Contoso support (Microsoft 365)',
  mode: 'outbound-only',
  provider: 'microsoft-365',
  environment: 'production',
  ccsAndFollowersEnabled: true,
  domains: [
    {
      domain: 'contoso.com',
      authProtocol: 'PLAIN',
      addresses: [
        {
          address: 'support@contoso.com',
          type: 'shared-mailbox',
          brand: 'Contoso',
          outbound: {
            host: 'smtp.office365.com',
            port: 587,
            tls: 'starttls',
            username: 'support@contoso.com',
            password: 'Vq8#nR2!pL6-support',
            smtpAuthEnabled: true,
          },
          verification: { outbound: 'verified', forwarding: 'verified' },
        },
      ],
    },
  ],
};

/** Bidirectional SMTP connector on an on-premises Exchange Server. */
export const smtpBidirectional = {
  kind: 'smtp-connector',
  name: 'Fabrikam on-premises relay',
  mode: 'bidirectional',
  provider: 'exchange-server',
  domains: [
    {
      domain: 'fabrikam.com',
      authProtocol: 'PLAIN',
      inboundCredentials: [
        { id: 'cred-2026-01', username: 'fabrikam@fabrikam.zendesk.com', createdAt: '2026-01-15T09:30:00Z' },
      ],
      addresses: [
        {
          address: 'help@fabrikam.com',
          outbound: {
            host: 'mail.fabrikam.com',
            port: 587,
            tls: 'starttls',
            username: 'svc-helpdesk@fabrikam.com',
            password: 'c7Y!w2Qm#relay',
          },
          verification: { inbound: 'verified', outbound: 'verified' },
        },
        {
          address: 'billing@fabrikam.com',
          outbound: {
            host: 'mail.fabrikam.com',
            port: 465,
            tls: 'implicit',
            username: 'svc-billing@fabrikam.com',
            password: 'K3#pz9!billing',
          },
        },
      ],
    },
  ],
};

export const gmail = {
  kind: 'gmail-connector',
  accounts: [
    {
      address: 'support@northwind-traders.com',
      accountType: 'google-workspace',
      sendThroughGmail: true,
      pollIntervalSeconds: 60,
      importOnly: 'unread',
      initialImport: 'last-50',
      suppressTriggersOnInitialImport: true,
      expectedDailyNotifications: 300,
      notificationAttachments: 'links',
    },
    { address: 'northwind.helpdesk@gmail.com', accountType: 'gmail' },
  ],
};

export const exchange = {
  kind: 'exchange-connector',
  mailbox: 'helpdesk@contoso.com',
  deployment: 'exchange-online',
  serverUrl: 'https://outlook.office365.com/EWS/Exchange.asmx',
  importFolder: 'Inbox',
  ccsAndFollowersEnabled: true,
  preservesHelpdeskHeaders: true,
};

export const forwarding = {
  kind: 'forwarding',
  supportAddress: 'support@contoso.com',
  ingestionAddress: 'contoso@ticketing.atera.com',
  provider: 'microsoft-365',
  method: 'mailbox-forwarding',
  mailContact: true,
  keepCopy: true,
  externalForwarding: 'on',
  hops: ['support@contoso.com'],
  antiPhishingViaTag: false,
};

export const customSmtp = {
  kind: 'custom-smtp',
  supportAddress: 'support@tailspintoys.com',
  provider: 'microsoft-365',
  host: 'smtp.office365.com',
  port: 587,
  tls: 'starttls',
  username: 'support@tailspintoys.com',
  password: 'Zr5!mW8#tailspin',
  smtpAuthEnabled: true,
  testSend: 'succeeded',
  allowlistedNetworks: ['52.157.0.0/16', '40.113.0.0/16'],
  whiteLabel: { ticketReplies: true, reportsAndInvoices: false },
};

/** Every base configuration, by name. */
export const BASE_CONFIGS = {
  smtpOutboundOnly,
  smtpBidirectional,
  gmail,
  exchange,
  forwarding,
  customSmtp,
} as const;

// biome-ignore lint/suspicious/noExplicitAny: a test edits any JSON path of its own copy; typing every path adds nothing.
type Editable = any;

/** A deep copy of a base config, changed by `edit` (which may mutate its argument freely). */
export function variant(base: unknown, edit: (copy: Editable) => void): Json {
  const copy = structuredClone(base) as Editable;
  edit(copy);
  return copy;
}

const rulesUrl = new URL('../../../../../shared/spec/RULES.md', import.meta.url);
/** Path of the shared rule catalogue (`<repo root>/../shared/spec/RULES.md`). */
export const RULES_PATH: string = fileURLToPath(rulesUrl);
export const RULES_AVAILABLE: boolean = existsSync(RULES_PATH);
if (!RULES_AVAILABLE) {
  console.warn(`connector-config: ${RULES_PATH} is absent; the rule-id existence checks are skipped.`);
}

/** Every rule id RULES.md defines (empty when it is absent). */
export const SPEC_RULE_IDS: ReadonlySet<string> = new Set(
  RULES_AVAILABLE
    ? [...readFileSync(RULES_PATH, 'utf8').matchAll(/^- \*\*([A-Z]+-\d+)\b/gm)].map((m) => m[1]!)
    : [],
);

interface ProblemLike {
  readonly rule: string;
  readonly path: string;
  readonly severity: 'error' | 'warning';
}

/** The problems of a result that cite `rule`. */
export function cited(result: { readonly problems: readonly ProblemLike[] }, rule: string): ProblemLike[] {
  return result.problems.filter((p) => p.rule === rule);
}

/** `rule@path:severity` for each problem citing `rule`, for readable assertions. */
export function citedAt(result: { readonly problems: readonly ProblemLike[] }, rule: string): string[] {
  return cited(result, rule).map((p) => `${p.path}:${p.severity}`);
}
