import ipaddr from 'ipaddr.js';
import {
  MAIL_PROVIDERS,
  type MailProvider,
  PRIVATE_HOST_SUFFIXES,
  providerOfHost,
  SMTP_PORTS,
  type TlsMode,
} from './presets.js';
import { jsonPath, type ProblemList } from './problem.js';
import type { ConnectorRuleId } from './rules.js';

/** The outbound server settings shared by the SMTP connector and custom SMTP. */
export interface OutboundServer {
  readonly host: string;
  readonly port: number;
  readonly tls: TlsMode;
  readonly username: string;
  readonly smtpAuthEnabled?: boolean | undefined;
}

const PRIVATE_RANGES = new Set(['private', 'loopback', 'linkLocal', 'uniqueLocal', 'carrierGradeNat']);

/**
 * Whether a host is on a private network (an RFC 1918 / loopback / link-local IP, a single-label name, or a name
 * under a private suffix such as `.local`). Everything else counts as a public server.
 *
 * @example
 * isPrivateHost('192.168.1.20'); // true
 * isPrivateHost('smtp.office365.com'); // false
 */
export function isPrivateHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[/, '').replace(/\]$/, '').replace(/\.$/, '');
  if (ipaddr.IPv4.isValidFourPartDecimal(h) || (h.includes(':') && ipaddr.IPv6.isValid(h))) {
    return PRIVATE_RANGES.has(ipaddr.process(h).range());
  }
  if (!h.includes('.')) return true;
  return PRIVATE_HOST_SUFFIXES.some((s) => h === s || h.endsWith(`.${s}`));
}

/**
 * The provider that governs a server: the host's when it is recognisable, else the declared one.
 *
 * @example
 * effectiveProvider('other', 'smtp.office365.com'); // 'microsoft-365'
 */
export function effectiveProvider(declared: MailProvider, host: string): MailProvider {
  return providerOfHost(host) ?? declared;
}

/**
 * Checks host, port, TLS and login of an outbound server: Microsoft 365 settings (SMTP-14), an email username where
 * the provider needs one (SMTP-15), and port/TLS pairs that cannot work. `tlsRule` is the rule TLS problems cite;
 * `tlsRequired` makes TLS off an error even on a private network (the SMTP connector is TLS-only, SMTP-1).
 *
 * @rule SMTP-1, SMTP-14, SMTP-15, CSMTP-1
 * @example
 * checkOutboundServer(problems, ['outbound'], { host: 'smtp.office365.com', port: 465, tls: 'implicit', username: 'a@contoso.com' }, 'microsoft-365', 'SMTP-1', true);
 * // adds SMTP-14 at $.outbound.port
 */
export function checkOutboundServer(
  out: ProblemList,
  at: readonly (string | number)[],
  server: OutboundServer,
  declared: MailProvider,
  tlsRule: ConnectorRuleId,
  tlsRequired: boolean,
): void {
  const path = (field: string): string => jsonPath([...at, field]);
  const provider = effectiveProvider(declared, server.host);
  const profile = MAIL_PROVIDERS[provider];
  const host = server.host.trim().toLowerCase().replace(/\.$/, '');

  // Declared Microsoft 365 with a foreign host is as wrong as a Microsoft host with the wrong name.
  if (provider === 'microsoft-365' || declared === 'microsoft-365') {
    const m365 = MAIL_PROVIDERS['microsoft-365'];
    if (!m365.outboundHosts.includes(host)) {
      out.error(
        'SMTP-14',
        path('host'),
        `Microsoft 365 accepts authenticated submission on smtp.office365.com, not on "${server.host}".`,
        'Set the host to smtp.office365.com.',
      );
    }
    if (!m365.outboundPorts.includes(server.port)) {
      out.error(
        'SMTP-14',
        path('port'),
        `Microsoft 365 submission uses port 587 (recommended) or 25, not ${server.port}.`,
        'Set the port to 587 with STARTTLS.',
      );
    }
    if (server.smtpAuthEnabled === false) {
      out.error(
        'SMTP-14',
        path('smtpAuthEnabled'),
        'SMTP AUTH is disabled for this mailbox, so Microsoft 365 refuses the login (5.7.139).',
        'In the Microsoft 365 admin center, open the mailbox > Mail > Manage email apps and enable Authenticated SMTP.',
      );
    }
  }

  const needsEmail = profile.usernameIsEmail ? profile : MAIL_PROVIDERS[declared];
  if (needsEmail.usernameIsEmail && !server.username.includes('@')) {
    out.error(
      'SMTP-15',
      path('username'),
      `${needsEmail.label} expects the full email address as SMTP username, not "${server.username.slice(0, 80)}".`,
      'Use the mailbox address (e.g. help@example.com) as the username.',
    );
  }

  const port = SMTP_PORTS.find((p) => p.port === server.port);
  if (port === undefined) {
    out.warning(
      tlsRule,
      path('port'),
      `Port ${server.port} is not a standard SMTP submission port; most networks block unusual ports.`,
      'Use 587 with STARTTLS or 465 with implicit TLS unless your provider documents another port.',
    );
  } else if (!port.tls.includes(server.tls)) {
    const advice =
      server.port === 465
        ? 'Set tls to "implicit", or use port 587 with "starttls".'
        : 'Set tls to "starttls", or use port 465 with "implicit".';
    const what =
      server.tls === 'none'
        ? `TLS off does not work on port ${server.port}`
        : `tls "${server.tls}" does not work on port ${server.port}`;
    out.error(tlsRule, path('tls'), `${what}: ${port.note}.`, advice);
  }

  if (server.tls === 'none' && (port === undefined || port.tls.includes('none'))) {
    if (tlsRequired) {
      out.error(
        tlsRule,
        path('tls'),
        'The connector only relays over TLS-encrypted SMTP; TLS off cannot be used.',
        'Set tls to "starttls" (port 587 or 25) or "implicit" (port 465).',
      );
    } else if (!isPrivateHost(server.host)) {
      out.error(
        tlsRule,
        path('tls'),
        `TLS is off towards the public server ${server.host}: the password would cross the Internet in clear, and public servers refuse AUTH without TLS.`,
        'Turn TLS on: "starttls" on 587 or "implicit" on 465.',
      );
    } else {
      out.warning(
        tlsRule,
        path('tls'),
        `TLS is off towards ${server.host}: the password crosses your network in clear.`,
        'Turn TLS on if the server supports it.',
      );
    }
  }
}
