/** Mail services the validators know something about. `other` is any server the admin runs or rents. */
export type MailProvider = 'microsoft-365' | 'google-workspace' | 'gmail' | 'exchange-server' | 'other';

/** What the validators know about one mail service. */
export interface MailProviderProfile {
  readonly provider: MailProvider;
  readonly label: string;
  /** Whether the cloud service can relay authenticated SMTP *to* the helpdesk (bidirectional mode, SMTP-2). */
  readonly supportsBidirectional: boolean;
  /** The outbound submission hosts the provider documents; empty when any host is fine. */
  readonly outboundHosts: readonly string[];
  /** Ports allowed on those hosts (SMTP-14); empty when any port is fine. */
  readonly outboundPorts: readonly number[];
  /** Host name suffixes that identify the provider even when the config says `other`. */
  readonly hostSuffixes: readonly string[];
  /** Whether the SMTP username must be the mailbox's email address (SMTP-15). */
  readonly usernameIsEmail: boolean;
}

/** Known providers (SMTP-2, SMTP-14, SMTP-15). A consumer can extend the table and pass it on. */
export const MAIL_PROVIDERS: Readonly<Record<MailProvider, MailProviderProfile>> = Object.freeze({
  'microsoft-365': {
    provider: 'microsoft-365',
    label: 'Microsoft 365 / Exchange Online',
    supportsBidirectional: false,
    outboundHosts: ['smtp.office365.com'],
    outboundPorts: [587, 25],
    hostSuffixes: ['office365.com', 'outlook.office.com', 'protection.outlook.com'],
    usernameIsEmail: true,
  },
  'google-workspace': {
    provider: 'google-workspace',
    label: 'Google Workspace',
    supportsBidirectional: false,
    outboundHosts: ['smtp.gmail.com', 'smtp-relay.gmail.com'],
    outboundPorts: [587, 465, 25],
    hostSuffixes: ['gmail.com', 'googlemail.com', 'google.com'],
    usernameIsEmail: true,
  },
  gmail: {
    provider: 'gmail',
    label: 'Gmail (consumer)',
    supportsBidirectional: false,
    outboundHosts: ['smtp.gmail.com'],
    outboundPorts: [587, 465],
    hostSuffixes: [],
    usernameIsEmail: true,
  },
  'exchange-server': {
    provider: 'exchange-server',
    label: 'Exchange Server (on-premises)',
    supportsBidirectional: true,
    outboundHosts: [],
    outboundPorts: [],
    hostSuffixes: [],
    usernameIsEmail: false,
  },
  other: {
    provider: 'other',
    label: 'Other SMTP server',
    supportsBidirectional: true,
    outboundHosts: [],
    outboundPorts: [],
    hostSuffixes: [],
    usernameIsEmail: false,
  },
});

/**
 * The provider a host name belongs to, by suffix, or `null` when unknown.
 *
 * @example
 * providerOfHost('smtp.office365.com'); // 'microsoft-365'
 * providerOfHost('mail.acme-widgets.com'); // null
 */
export function providerOfHost(
  host: string,
  providers: Readonly<Record<string, MailProviderProfile>> = MAIL_PROVIDERS,
): MailProvider | null {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  for (const profile of Object.values(providers)) {
    for (const suffix of profile.hostSuffixes) {
      if (h === suffix || h.endsWith(`.${suffix}`)) return profile.provider;
    }
  }
  return null;
}

/** How the SMTP client protects the session: STARTTLS upgrade, TLS from the first byte (SMTPS), or nothing. */
export type TlsMode = 'starttls' | 'implicit' | 'none';

/** What a well-known submission port expects. */
export interface PortProfile {
  readonly port: number;
  readonly tls: readonly TlsMode[];
  readonly note: string;
}

/** Ports and the TLS modes that work on them (RFC 8314 for 465, RFC 6409 for 587, RFC 5321 for 25). */
export const SMTP_PORTS: readonly PortProfile[] = Object.freeze([
  { port: 465, tls: ['implicit'], note: 'port 465 is SMTPS: TLS starts with the connection (RFC 8314)' },
  { port: 587, tls: ['starttls'], note: 'port 587 is submission: plain connection upgraded with STARTTLS' },
  { port: 25, tls: ['starttls', 'none'], note: 'port 25 is relay: plain connection upgraded with STARTTLS' },
  {
    port: 2525,
    tls: ['starttls', 'none'],
    note: 'port 2525 is an unofficial submission port using STARTTLS',
  },
]);

/** SMTP connector limits (SMTP-3). */
export interface SmtpConnectorLimits {
  readonly maxAddressesPerDomain: number;
  readonly maxDomains: number;
  /** Inbound credential sets that may coexist (SMTP-7). */
  readonly maxInboundCredentialSets: number;
}

/** The documented defaults: 50 addresses per domain, 4 domains, 2 credential sets during a rotation. */
export const DEFAULT_SMTP_CONNECTOR_LIMITS: SmtpConnectorLimits = Object.freeze({
  maxAddressesPerDomain: 50,
  maxDomains: 4,
  maxInboundCredentialSets: 2,
});

/** Google's daily sending limits for mail sent through the account (GMAIL-5). */
export const GMAIL_DAILY_SENDING_LIMITS: Readonly<Record<'gmail' | 'google-workspace', number>> =
  Object.freeze({
    gmail: 500,
    'google-workspace': 2000,
  });

/** Share of the daily limit past which GMAIL-5 warns (the helpdesk falls back to its own servers near it). */
export const GMAIL_LIMIT_WARNING_SHARE = 0.8;

/** Domains of consumer Gmail accounts (GMAIL-4). */
export const GMAIL_CONSUMER_DOMAINS: readonly string[] = Object.freeze(['gmail.com', 'googlemail.com']);

/**
 * The helpdesk's sending networks a customer server must accept (CSMTP-3, Atera's published list): the two /16
 * networks, or where a /16 cannot be allowed, the narrower list.
 */
export const SENDING_NETWORK_PRESETS: Readonly<Record<'atera-wide' | 'atera-narrow', readonly string[]>> =
  Object.freeze({
    'atera-wide': Object.freeze(['52.157.0.0/16', '40.113.0.0/16']),
    'atera-narrow': Object.freeze([
      '52.157.175.0/24',
      '40.113.216.0/24',
      '40.113.221.0/24',
      '40.113.222.0/24',
      '54.240.3.0/24',
      '51.144.126.0/24',
      '40.122.130.0/24',
      '54.240.106.94',
      '54.240.106.95',
    ]),
  });

/** How long two inbound credential sets may coexist before SMTP-7 calls the rotation overdue (our default). */
export const DEFAULT_ROTATION_OVERLAP_MS: number = 14 * 24 * 60 * 60 * 1000;

/** Host name suffixes of private networks: TLS off towards them is a warning, not an error. */
export const PRIVATE_HOST_SUFFIXES: readonly string[] = Object.freeze([
  'localhost',
  'local',
  'internal',
  'lan',
  'corp',
  'home.arpa',
  'localdomain',
]);
