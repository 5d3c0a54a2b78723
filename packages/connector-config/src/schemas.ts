import { z } from 'zod';
import type { MailProvider, TlsMode } from './presets.js';

// Linear patterns only: each quantified group ends in a character its body cannot match (`@`, `.`), so there is
// one way to split any input. The same patterns go into the JSON Schema (`pattern`) for admin forms.
const EMAIL_PATTERN = /^[^\s@"<>()[\],;:]{1,64}@(?:[^\s@.]{1,63}\.)+[^\s@.]{2,63}$/;
const DOMAIN_PATTERN = /^(?:[^\s@.]{1,63}\.)+[^\s@.]{2,63}$/;
const HOST_PATTERN = /^(?:(?:[A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}|\[[0-9A-Fa-f:.]{2,45}\])$/;

const emailAddress = z
  .string()
  .max(254)
  .regex(EMAIL_PATTERN, 'must be an email address such as support@example.com');
const domainName = z.string().max(253).regex(DOMAIN_PATTERN, 'must be a domain name such as example.com');
const hostName = z
  .string()
  .max(253)
  .regex(HOST_PATTERN, 'must be a host name such as smtp.example.com (no scheme, no port)');
const port = z.number().int().min(1).max(65535);
const tlsMode = z.enum(['starttls', 'implicit', 'none']);
const secret = z.string().min(1).max(1024);
const username = z.string().min(1).max(320);
const label = z.string().min(1).max(200);
const timestamp = z.iso.datetime();
const verificationStatus = z.enum(['failed', 'pending', 'verified']);
const schemaRef = z.string().max(2048);

/** The kinds of configuration this package validates; the `kind` field of every config. */
export type ConnectorKind =
  | 'smtp-connector'
  | 'gmail-connector'
  | 'exchange-connector'
  | 'forwarding'
  | 'custom-smtp';

/** Every connector kind, in the order the docs present them. */
export const CONNECTOR_KINDS: readonly ConnectorKind[] = Object.freeze([
  'smtp-connector',
  'gmail-connector',
  'exchange-connector',
  'forwarding',
  'custom-smtp',
]);

/** SMTP connector mode (SMTP-1). */
export type SmtpConnectorMode = 'bidirectional' | 'outbound-only';
/** Verification state of one check of a connector address (SMTP-11). */
export type VerificationStatus = 'failed' | 'pending' | 'verified';

/** How the helpdesk relays outbound mail through the customer's server for one address (SMTP-8, SMTP-14). */
export interface SmtpOutboundSettings {
  readonly host: string;
  readonly port: number;
  readonly tls: TlsMode;
  readonly username: string;
  readonly password: string;
  /** Whether SMTP AUTH is enabled for the mailbox (Microsoft 365, SMTP-14). */
  readonly smtpAuthEnabled?: boolean | undefined;
  /** The From address used when it is not the support address itself (SMTP-4). */
  readonly sendAs?: string | undefined;
}

/** One support address behind the SMTP connector. */
export interface SmtpConnectorAddress {
  readonly address: string;
  /** What the address is on the customer's server; aliases and groups are not supported (SMTP-8). */
  readonly type: 'mailbox' | 'shared-mailbox' | 'alias' | 'distribution-group';
  /** Brand the address belongs to (SMTP-8: unique credentials per brand). */
  readonly brand?: string | undefined;
  readonly outbound: SmtpOutboundSettings;
  /** Current verification state as shown in the admin UI (SMTP-11). */
  readonly verification?:
    | {
        readonly inbound?: VerificationStatus | undefined;
        readonly outbound?: VerificationStatus | undefined;
        readonly forwarding?: VerificationStatus | undefined;
      }
    | undefined;
}

/** One inbound credential set the helpdesk issued to the customer's server (SMTP-6, SMTP-7). */
export interface InboundCredentialSet {
  readonly id: string;
  readonly username: string;
  /** ISO 8601 date-time (UTC, `Z`). */
  readonly createdAt?: string | undefined;
  /** ISO 8601 date-time by which this set is revoked, during a rotation (SMTP-7). */
  readonly retireBy?: string | undefined;
}

/** One SMTP domain of the connector with its addresses (SMTP-3, SMTP-5). */
export interface SmtpConnectorDomain {
  readonly domain: string;
  /** SMTP AUTH mechanism; only PLAIN is supported (SMTP-6). */
  readonly authProtocol: string;
  /** Inbound credential sets (bidirectional only; SMTP-1, SMTP-7). */
  readonly inboundCredentials?: readonly InboundCredentialSet[] | undefined;
  readonly addresses: readonly SmtpConnectorAddress[];
}

/** The authenticated SMTP connector (SMTP-1 to SMTP-15). */
export interface SmtpConnectorConfig {
  readonly $schema?: string | undefined;
  readonly kind: 'smtp-connector';
  readonly name: string;
  readonly mode: SmtpConnectorMode;
  /** The customer's mail service; inferred from outbound hosts when left at `other`. */
  readonly provider: MailProvider;
  /** Helpdesk environment this connector lives in (SMTP-13). */
  readonly environment: 'production' | 'sandbox';
  /** Whether CCs and followers are enabled on the helpdesk account (EXCH-3 also applies here). */
  readonly ccsAndFollowersEnabled?: boolean | undefined;
  /** What the customer's mail server does with connector traffic (SMTP-12, OUT-2). */
  readonly customerServer?:
    | {
        readonly greylisting?: boolean | undefined;
        readonly helpdeskIpsAllowlisted?: boolean | undefined;
        readonly preservesHelpdeskHeaders?: boolean | undefined;
      }
    | undefined;
  readonly domains: readonly SmtpConnectorDomain[];
}

/** One Gmail or Google Workspace account connected by the Gmail connector. */
export interface GmailAccount {
  readonly address: string;
  readonly accountType: 'gmail' | 'google-workspace';
  readonly brand?: string | undefined;
  /** Send notifications through the Gmail account instead of the helpdesk's servers (GMAIL-5, GMAIL-6). */
  readonly sendThroughGmail: boolean;
  /** How often the poller looks at the inbox; the connector polls once a minute (GMAIL-1). */
  readonly pollIntervalSeconds: number;
  /** Which messages become tickets on each poll (GMAIL-1). */
  readonly importOnly: 'unread' | 'all';
  /** What happens on (re)connection (GMAIL-2). */
  readonly initialImport: 'none' | 'last-50';
  readonly initialImportCount?: number | undefined;
  readonly suppressTriggersOnInitialImport: boolean;
  /** Expected notifications per day through this account (GMAIL-5). */
  readonly expectedDailyNotifications?: number | undefined;
  /** How notifications carry attachments (GMAIL-6). */
  readonly notificationAttachments: 'links' | 'files';
}

/** The Gmail connector (GMAIL-1 to GMAIL-6). */
export interface GmailConnectorConfig {
  readonly $schema?: string | undefined;
  readonly kind: 'gmail-connector';
  readonly accounts: readonly GmailAccount[];
}

/** The Microsoft Exchange connector (EXCH-1 to EXCH-4). */
export interface ExchangeConnectorConfig {
  readonly $schema?: string | undefined;
  readonly kind: 'exchange-connector';
  readonly mailbox: string;
  /** Exchange Online (Microsoft 365) or an on-premises Exchange Server (EXCH-1). */
  readonly deployment: 'exchange-online' | 'exchange-server';
  /** EWS or Graph endpoint when one is configured; an on-premises URL means EXCH-1 fails. */
  readonly serverUrl?: string | undefined;
  /** The From address of notifications; they go out from the Microsoft mailbox (EXCH-2). */
  readonly sendFrom?: string | undefined;
  readonly importFolder: string;
  readonly importReadMessages: boolean;
  readonly ccsAndFollowersEnabled: boolean;
  /** Whether transport rules keep the helpdesk's loop-prevention headers (EXCH-4, OUT-2). */
  readonly preservesHelpdeskHeaders: boolean;
}

/** Forwarding from the customer's domain to the helpdesk's ingestion address (FWD-1 to FWD-4, REQ-2). */
export interface ForwardingConfig {
  readonly $schema?: string | undefined;
  readonly kind: 'forwarding';
  readonly supportAddress: string;
  /** Where mail is forwarded: the helpdesk's ingestion address (`<company>@ticketing.atera.com`). */
  readonly ingestionAddress: string;
  readonly provider: 'microsoft-365' | 'google-workspace' | 'other';
  readonly method: 'distribution-group' | 'mailbox-forwarding' | 'transport-rule' | 'inbox-rule';
  /** Whether a mail contact exists for the ingestion address (Microsoft 365, FWD-1). */
  readonly mailContact?: boolean | undefined;
  /** Whether the distribution group accepts mail from outside the organisation (FWD-1). */
  readonly acceptsExternalSenders?: boolean | undefined;
  readonly keepCopy: boolean;
  /** Automatic external forwarding in the outbound anti-spam policy (FWD-2); `automatic` means off in practice. */
  readonly externalForwarding?: 'on' | 'off' | 'automatic' | undefined;
  /** Every address the mail passes through before the helpdesk, first to last (REQ-2, FWD-3). */
  readonly hops?: readonly string[] | undefined;
  /** Whether the anti-phishing policy's "via" tag is on (FWD-4). */
  readonly antiPhishingViaTag?: boolean | undefined;
}

/** Custom outbound SMTP replacing the helpdesk's no-reply sender (CSMTP-1 to CSMTP-4). */
export interface CustomSmtpConfig {
  readonly $schema?: string | undefined;
  readonly kind: 'custom-smtp';
  /** The primary support address notifications are sent from. */
  readonly supportAddress: string;
  readonly provider: MailProvider;
  readonly host: string;
  readonly port: number;
  readonly tls: TlsMode;
  readonly username: string;
  readonly password: string;
  /** The mailbox the SMTP login belongs to, when it is not the username (CSMTP-2). */
  readonly mailbox?: string | undefined;
  /** Whether that mailbox has Send As permission on the support address (CSMTP-2). */
  readonly sendAsGranted?: boolean | undefined;
  readonly smtpAuthEnabled?: boolean | undefined;
  /** Result of the test send; the custom server only replaces the default after a successful one (CSMTP-1). */
  readonly testSend: 'succeeded' | 'failed' | 'not-run';
  /** Networks the customer's server accepts mail from (CSMTP-3). */
  readonly allowlistedNetworks?: readonly string[] | undefined;
  /** What the admin expects to be white-labelled (CSMTP-4). */
  readonly whiteLabel?: { readonly ticketReplies: boolean; readonly reportsAndInvoices: boolean } | undefined;
}

/** Any configuration this package validates. */
export type ConnectorConfig =
  | SmtpConnectorConfig
  | GmailConnectorConfig
  | ExchangeConnectorConfig
  | ForwardingConfig
  | CustomSmtpConfig;

const outboundSettings = z.strictObject({
  host: hostName.describe('Outbound SMTP host of your mail server, e.g. smtp.office365.com'),
  port: port.describe('587 (STARTTLS) or 465 (implicit TLS); 25 for relays'),
  tls: tlsMode.default('starttls'),
  username: username.describe('SMTP login; an email address on Microsoft 365 and Google'),
  password: secret,
  smtpAuthEnabled: z.boolean().optional().describe('Microsoft 365: SMTP AUTH enabled for this mailbox'),
  sendAs: emailAddress.optional(),
});

const smtpAddress = z.strictObject({
  address: emailAddress,
  type: z.enum(['mailbox', 'shared-mailbox', 'alias', 'distribution-group']).default('mailbox'),
  brand: label.optional(),
  outbound: outboundSettings,
  verification: z
    .strictObject({
      inbound: verificationStatus.optional(),
      outbound: verificationStatus.optional(),
      forwarding: verificationStatus.optional(),
    })
    .optional(),
});

const inboundCredential = z.strictObject({
  id: z.string().min(1).max(100),
  username,
  createdAt: timestamp.optional(),
  retireBy: timestamp.optional(),
});

const smtpDomain = z.strictObject({
  domain: domainName,
  authProtocol: z.string().min(1).max(40).default('PLAIN').describe('SMTP AUTH mechanism: PLAIN'),
  inboundCredentials: z.array(inboundCredential).max(20).optional(),
  addresses: z.array(smtpAddress).max(1000),
});

const providerEnum = z.enum(['microsoft-365', 'google-workspace', 'gmail', 'exchange-server', 'other']);

const smtpConnectorObject = z.strictObject({
  $schema: schemaRef.optional(),
  kind: z.literal('smtp-connector'),
  name: label,
  mode: z.enum(['bidirectional', 'outbound-only']),
  provider: providerEnum.default('other'),
  environment: z.enum(['production', 'sandbox']).default('production'),
  ccsAndFollowersEnabled: z.boolean().optional(),
  customerServer: z
    .strictObject({
      greylisting: z.boolean().optional(),
      helpdeskIpsAllowlisted: z.boolean().optional(),
      preservesHelpdeskHeaders: z.boolean().optional(),
    })
    .optional(),
  domains: z.array(smtpDomain).max(100),
});

const gmailAccount = z.strictObject({
  address: emailAddress,
  accountType: z.enum(['gmail', 'google-workspace']),
  brand: label.optional(),
  sendThroughGmail: z.boolean().default(false),
  pollIntervalSeconds: z.number().int().min(1).max(86_400).default(60),
  importOnly: z.enum(['unread', 'all']).default('unread'),
  initialImport: z.enum(['none', 'last-50']).default('none'),
  initialImportCount: z.number().int().min(0).max(100_000).optional(),
  suppressTriggersOnInitialImport: z.boolean().default(true),
  expectedDailyNotifications: z.number().int().min(0).max(100_000_000).optional(),
  notificationAttachments: z.enum(['links', 'files']).default('links'),
});

const gmailConnectorObject = z.strictObject({
  $schema: schemaRef.optional(),
  kind: z.literal('gmail-connector'),
  accounts: z.array(gmailAccount).min(1).max(100),
});

const exchangeConnectorObject = z.strictObject({
  $schema: schemaRef.optional(),
  kind: z.literal('exchange-connector'),
  mailbox: emailAddress,
  deployment: z.enum(['exchange-online', 'exchange-server']),
  serverUrl: z.string().min(1).max(2048).optional(),
  sendFrom: emailAddress.optional(),
  importFolder: z.string().min(1).max(200).default('Inbox'),
  importReadMessages: z.boolean().default(false),
  ccsAndFollowersEnabled: z.boolean(),
  preservesHelpdeskHeaders: z.boolean().default(true),
});

const forwardingObject = z.strictObject({
  $schema: schemaRef.optional(),
  kind: z.literal('forwarding'),
  supportAddress: emailAddress,
  ingestionAddress: emailAddress,
  provider: z.enum(['microsoft-365', 'google-workspace', 'other']).default('other'),
  method: z.enum(['distribution-group', 'mailbox-forwarding', 'transport-rule', 'inbox-rule']),
  mailContact: z.boolean().optional(),
  acceptsExternalSenders: z.boolean().optional(),
  keepCopy: z.boolean().default(true),
  externalForwarding: z.enum(['on', 'off', 'automatic']).optional(),
  hops: z.array(emailAddress).min(1).max(20).optional(),
  antiPhishingViaTag: z.boolean().optional(),
});

const customSmtpObject = z.strictObject({
  $schema: schemaRef.optional(),
  kind: z.literal('custom-smtp'),
  supportAddress: emailAddress,
  provider: providerEnum.default('other'),
  host: hostName,
  port,
  tls: tlsMode,
  username,
  password: secret,
  mailbox: emailAddress.optional(),
  sendAsGranted: z.boolean().optional(),
  smtpAuthEnabled: z.boolean().optional(),
  testSend: z.enum(['succeeded', 'failed', 'not-run']).default('not-run'),
  allowlistedNetworks: z.array(z.string().max(100)).max(10_000).optional(),
  whiteLabel: z
    .strictObject({
      ticketReplies: z.boolean().default(true),
      reportsAndInvoices: z.boolean().default(false),
    })
    .optional(),
});

/** zod schema of the authenticated SMTP connector. */
export const smtpConnectorSchema: z.ZodType<SmtpConnectorConfig> = smtpConnectorObject;
/** zod schema of the Gmail connector. */
export const gmailConnectorSchema: z.ZodType<GmailConnectorConfig> = gmailConnectorObject;
/** zod schema of the Exchange connector. */
export const exchangeConnectorSchema: z.ZodType<ExchangeConnectorConfig> = exchangeConnectorObject;
/** zod schema of forwarding from the customer's domain. */
export const forwardingSchema: z.ZodType<ForwardingConfig> = forwardingObject;
/** zod schema of custom outbound SMTP. */
export const customSmtpSchema: z.ZodType<CustomSmtpConfig> = customSmtpObject;

/** Any connector configuration, discriminated by `kind`. */
export const connectorConfigSchema: z.ZodType<ConnectorConfig> = z.discriminatedUnion('kind', [
  smtpConnectorObject,
  gmailConnectorObject,
  exchangeConnectorObject,
  forwardingObject,
  customSmtpObject,
]);

/** The zod schema of each connector kind. */
export const CONNECTOR_SCHEMAS: Readonly<Record<ConnectorKind, z.ZodType<ConnectorConfig>>> = Object.freeze({
  'smtp-connector': smtpConnectorSchema,
  'gmail-connector': gmailConnectorSchema,
  'exchange-connector': exchangeConnectorSchema,
  forwarding: forwardingSchema,
  'custom-smtp': customSmtpSchema,
});

/** A JSON Schema document (draft 2020-12) as plain data. */
export type JsonSchemaDocument = Readonly<Record<string, unknown>>;

/**
 * JSON Schema (draft 2020-12) of a connector kind, generated from its zod schema with `z.toJSONSchema`, for admin
 * forms. It describes the *input* (fields with defaults are optional). Lengths follow JavaScript string length
 * (UTF-16 units): validate with `unicode: false` in Ajv to agree with the zod schema on astral characters.
 *
 * @example
 * const schema = connectorJsonSchema('custom-smtp');
 * schema.required; // ['kind', 'supportAddress', 'host', 'port', 'tls', 'username', 'password']
 */
export function connectorJsonSchema(kind: ConnectorKind | 'any'): JsonSchemaDocument {
  const schema = kind === 'any' ? connectorConfigSchema : CONNECTOR_SCHEMAS[kind];
  return z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as JsonSchemaDocument;
}
