import { domainOf, keyOf, normalizeDomain } from './address-match.js';
import {
  DEFAULT_SMTP_CONNECTOR_LIMITS,
  MAIL_PROVIDERS,
  providerOfHost,
  type SmtpConnectorLimits,
} from './presets.js';
import { jsonPath, ProblemList, type ValidationContext, type ValidationResult } from './problem.js';
import { type SmtpConnectorConfig, smtpConnectorSchema } from './schemas.js';
import { checkOutboundServer } from './transport.js';
import { checkSendingAddress, parseConfig, prepareContext } from './validate-common.js';
import { VERIFICATION_CHECKS_BY_MODE } from './verification.js';

/** Options of {@link validateSmtpConnector} beyond the shared context. */
export interface SmtpConnectorContext extends ValidationContext {
  /** Override the SMTP-3 / SMTP-7 limits (defaults: {@link DEFAULT_SMTP_CONNECTOR_LIMITS}). */
  readonly limits?: Partial<SmtpConnectorLimits> | undefined;
}

interface ExistingAddress {
  readonly key: string;
  readonly address: string;
  readonly channel: string | undefined;
}

function existingAddresses(context: ValidationContext | undefined): ExistingAddress[] {
  const list = context?.supportAddresses;
  if (!Array.isArray(list)) return [];
  const out: ExistingAddress[] = [];
  for (const item of list as unknown[]) {
    if (typeof item === 'string') out.push({ key: keyOf(item), address: item, channel: undefined });
    else if (
      typeof item === 'object' &&
      item !== null &&
      typeof (item as { address?: unknown }).address === 'string'
    ) {
      const { address, channel } = item as { address: string; channel?: unknown };
      out.push({ key: keyOf(address), address, channel: typeof channel === 'string' ? channel : undefined });
    }
  }
  return out;
}

function limitsOf(context: SmtpConnectorContext | undefined): SmtpConnectorLimits {
  const l = context?.limits;
  const pick = (key: keyof SmtpConnectorLimits): number => {
    const v = typeof l === 'object' && l !== null ? l[key] : undefined;
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : DEFAULT_SMTP_CONNECTOR_LIMITS[key];
  };
  return {
    maxAddressesPerDomain: pick('maxAddressesPerDomain'),
    maxDomains: pick('maxDomains'),
    maxInboundCredentialSets: pick('maxInboundCredentialSets'),
  };
}

function timeOf(iso: string | undefined): number | null {
  if (iso === undefined) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/**
 * Validates an authenticated SMTP connector in either mode (SMTP-1 to SMTP-15, OUT-2, OUT-4, LOOP-4, EXCH-3).
 * Never throws: anything that is not a readable connector comes back as problems.
 *
 * @rule SMTP-1, SMTP-2, SMTP-3, SMTP-4, SMTP-5, SMTP-6, SMTP-7, SMTP-8, SMTP-9, SMTP-10, SMTP-11, SMTP-12, SMTP-13, SMTP-14, SMTP-15, OUT-2, OUT-4, LOOP-4, EXCH-3
 * @example
 * const { valid, problems } = validateSmtpConnector(JSON.parse(text), {
 *   supportAddresses: [{ address: 'help@acme-widgets.com', channel: 'forwarding' }],
 *   userAddresses: ['jane@acme-widgets.com'],
 * });
 * for (const p of problems) console.log(p.severity, p.rule, p.path, p.message);
 */
export function validateSmtpConnector(config: unknown, context?: SmtpConnectorContext): ValidationResult {
  const out = new ProblemList();
  const c = parseConfig('smtp-connector', smtpConnectorSchema, config, out);
  if (c === null) return out.result();
  checkSmtpConnector(c, context, out);
  return out.result();
}

function checkSmtpConnector(
  c: SmtpConnectorConfig,
  context: SmtpConnectorContext | undefined,
  out: ProblemList,
): void {
  const ctx = prepareContext(context);
  const limits = limitsOf(context);
  const existing = existingAddresses(context);
  const bidirectional = c.mode === 'bidirectional';
  const now = typeof context?.now === 'number' && Number.isFinite(context.now) ? context.now : null;

  // SMTP-2: the declared provider, then each host that reveals a cloud provider.
  const declared = MAIL_PROVIDERS[c.provider];
  if (bidirectional && !declared.supportsBidirectional) {
    out.error(
      'SMTP-2',
      jsonPath(['mode']),
      `Bidirectional mode does not work with ${declared.label}: the cloud service cannot relay inbound mail to the helpdesk with credentials.`,
      'Use mode "outbound-only" and set up ordinary automatic forwarding for inbound mail.',
    );
  }

  if (c.domains.length > limits.maxDomains) {
    out.error(
      'SMTP-3',
      jsonPath(['domains']),
      `${c.domains.length} domains configured; the connector supports at most ${limits.maxDomains}.`,
      `Keep at most ${limits.maxDomains} domains (${limits.maxDomains * limits.maxAddressesPerDomain} addresses in all); use forwarding for the others.`,
    );
  }
  if (c.ccsAndFollowersEnabled === false) {
    out.error(
      'EXCH-3',
      jsonPath(['ccsAndFollowersEnabled']),
      'CCs and followers are disabled on the helpdesk; the SMTP connector requires them.',
      'Enable CCs and followers in the helpdesk settings before connecting.',
    );
  }
  if (c.customerServer?.greylisting === true) {
    out.warning(
      'SMTP-12',
      jsonPath(['customerServer', 'greylisting']),
      'Your mail server greylists connector traffic: verification mails are delayed and may fail.',
      "Exempt the helpdesk's sending IP addresses from greylisting.",
    );
  }
  if (c.customerServer?.helpdeskIpsAllowlisted === false) {
    out.warning(
      'SMTP-12',
      jsonPath(['customerServer', 'helpdeskIpsAllowlisted']),
      "The helpdesk's IP addresses are not allowlisted on your network; connector mail may be throttled or refused.",
      "Allowlist the helpdesk's published sending IP addresses on your mail server and firewall.",
    );
  }
  if (c.customerServer?.preservesHelpdeskHeaders === false) {
    out.error(
      'OUT-2',
      jsonPath(['customerServer', 'preservesHelpdeskHeaders']),
      'Your mail server strips or rewrites the helpdesk headers (Auto-Submitted, X-Auto-Response-Suppress); loop prevention breaks.',
      'Exclude connector mail from header-rewriting transport rules and disclaimers.',
    );
  }

  const seenDomains = new Map<string, number>();
  const seenAddresses = new Map<string, string>();
  const credentialOwners = new Map<string, { brand: string | undefined; path: string }>();

  c.domains.forEach((d, di) => {
    const domain = normalizeDomain(d.domain) ?? d.domain.toLowerCase();
    const dPath = (...rest: (string | number)[]): string => jsonPath(['domains', di, ...rest]);

    const first = seenDomains.get(domain);
    if (first !== undefined) {
      out.error(
        'SMTP-5',
        dPath('domain'),
        `${d.domain} is listed twice (also domains[${first}]); a domain is added once, then its addresses.`,
        'Merge the two entries into one domain with all its addresses.',
      );
    } else {
      seenDomains.set(domain, di);
    }

    if (d.addresses.length > limits.maxAddressesPerDomain) {
      out.error(
        'SMTP-3',
        dPath('addresses'),
        `${d.addresses.length} addresses on ${d.domain}; at most ${limits.maxAddressesPerDomain} per SMTP domain are supported.`,
        `Keep at most ${limits.maxAddressesPerDomain} addresses on this domain, or move some to another connector domain.`,
      );
    }

    if (d.authProtocol.trim().toUpperCase() !== 'PLAIN') {
      out.error(
        'SMTP-6',
        dPath('authProtocol'),
        `Authentication protocol "${d.authProtocol}" is not supported; the connector authenticates with PLAIN.`,
        'Set authProtocol to PLAIN (over TLS, PLAIN is safe).',
      );
    }

    // SMTP-5: a bidirectional domain takes over all inbound traffic of the domain.
    if (bidirectional) {
      const own = new Set(d.addresses.map((a) => keyOf(a.address)));
      const clash = existing.find(
        (e) => e.channel !== 'smtp-connector' && domainOf(e.address) === domain && !own.has(e.key),
      );
      const reused = existing.find((e) => e.channel !== 'smtp-connector' && own.has(e.key));
      const hit = clash ?? reused;
      if (hit !== undefined) {
        out.error(
          'SMTP-5',
          dPath('domain'),
          `${d.domain} already has the support address ${hit.address}; a connector domain must have none when it is added, since all its inbound mail then arrives over the connector.`,
          `Remove ${hit.address} from the helpdesk (or move it to another domain), add the domain, then add the addresses.`,
        );
      }
    }

    checkCredentials(c, d.inboundCredentials, di, limits, now, out);

    d.addresses.forEach((a, ai) => {
      const aPath = (...rest: (string | number)[]): string => dPath('addresses', ai, ...rest);
      const key = keyOf(a.address);
      const addressDomain = domainOf(a.address);

      const dup = seenAddresses.get(key);
      if (dup !== undefined) {
        out.error(
          'SMTP-3',
          aPath('address'),
          `${a.address} is listed twice (also at ${dup}).`,
          'Keep one entry per support address.',
        );
      } else {
        seenAddresses.set(key, aPath('address'));
      }

      if (addressDomain !== domain) {
        out.error(
          'SMTP-4',
          aPath('address'),
          `${a.address} is not on the connector domain ${d.domain}; the connector only carries mail for its own domain.`,
          `Use an address @${d.domain}, or add its domain as a connector domain.`,
        );
      }
      if (a.outbound.sendAs !== undefined && bidirectional && domainOf(a.outbound.sendAs) !== domain) {
        out.error(
          'SMTP-4',
          aPath('outbound', 'sendAs'),
          `Mail for ${a.address} would be received on ${d.domain} but sent as ${a.outbound.sendAs}: in bidirectional mode both directions use the same domain.`,
          `Send as an address @${d.domain}, or leave sendAs out.`,
        );
      }

      checkSendingAddress(out, aPath('address'), a.address, ctx);
      if (a.outbound.sendAs !== undefined && keyOf(a.outbound.sendAs) !== key) {
        checkSendingAddress(out, aPath('outbound', 'sendAs'), a.outbound.sendAs, ctx);
      }

      if (a.type === 'alias' || a.type === 'distribution-group') {
        out.warning(
          'SMTP-8',
          aPath('type'),
          `${a.address} is ${a.type === 'alias' ? 'an alias' : 'a distribution group'}; the connector needs an address that exists as a mailbox on your server.`,
          'Create a mailbox (or shared mailbox) for this address and use its credentials.',
        );
      }

      const credKey = `${a.outbound.host.trim().toLowerCase()}\u0000${a.outbound.username.trim().toLowerCase()}`;
      const owner = credentialOwners.get(credKey);
      if (owner === undefined) {
        credentialOwners.set(credKey, { brand: a.brand, path: aPath('outbound', 'username') });
      } else if (owner.brand !== a.brand) {
        out.warning(
          'SMTP-8',
          aPath('outbound', 'username'),
          `The login ${a.outbound.username} is shared with another brand (${owner.path}); one leaked password then exposes every brand.`,
          'Give each brand (ideally each address) its own mailbox credentials.',
        );
      }

      const match = existing.find((e) => e.key === key);
      if (!bidirectional && match?.channel === 'forwarding') {
        out.error(
          'SMTP-9',
          aPath('address'),
          `${a.address} is already a support address that receives mail by plain forwarding; outbound-only mode cannot reuse it.`,
          'Remove the forwarding support address first, then add it back through the connector.',
        );
      }
      // A known address with an unknown channel may already be on the connector: not guessed.
      const newToConnector =
        match === undefined || (match.channel !== undefined && match.channel !== 'smtp-connector');
      if (context?.applyVia === 'api' && newToConnector) {
        out.error(
          'SMTP-10',
          aPath('address'),
          `${a.address} would be added through the API; connector addresses can only be added in the admin UI (the API can only remove them).`,
          'Add this address in the admin center; keep the API for removals.',
        );
      }

      if (ctx.otherEnvironment.has(key)) {
        out.error(
          'SMTP-13',
          aPath('address'),
          `${a.address} is also configured in the ${c.environment === 'production' ? 'sandbox' : 'production'} environment; the same address in both gives inconsistent behaviour.`,
          'Remove the test address and its domain from the sandbox before adding it to production.',
        );
      }

      const hostProvider = providerOfHost(a.outbound.host);
      if (bidirectional && declared.supportsBidirectional && hostProvider !== null) {
        const profile = MAIL_PROVIDERS[hostProvider];
        if (!profile.supportsBidirectional) {
          out.error(
            'SMTP-2',
            aPath('outbound', 'host'),
            `${a.outbound.host} is ${profile.label}, which cannot be used in bidirectional mode.`,
            'Use mode "outbound-only" with automatic forwarding for inbound mail.',
          );
        }
      }
      checkOutboundServer(
        out,
        ['domains', di, 'addresses', ai, 'outbound'],
        a.outbound,
        c.provider,
        'SMTP-1',
        true,
      );

      const verification = a.verification;
      if (verification !== undefined) {
        const needed = VERIFICATION_CHECKS_BY_MODE[c.mode];
        const pending = needed.filter((check) => verification[check] !== 'verified');
        if (pending.length > 0) {
          out.warning(
            'SMTP-11',
            aPath('verification'),
            `${a.address} is not verified yet (${pending.map((p) => `${p}: ${verification[p] ?? 'failed'}`).join(', ')}); the helpdesk does not send through the connector until it is.`,
            `Run the ${pending.join(' and ')} verification in the admin UI; make sure verification mails are not greylisted.`,
          );
        }
        for (const extra of ['inbound', 'outbound', 'forwarding'] as const) {
          if (verification[extra] !== undefined && !needed.includes(extra)) {
            out.warning(
              'SMTP-11',
              aPath('verification', extra),
              `${c.mode} addresses have no ${extra} verification; this state is ignored.`,
              `Remove verification.${extra}.`,
            );
          }
        }
      }
    });
  });
}

function checkCredentials(
  c: SmtpConnectorConfig,
  sets: SmtpConnectorConfig['domains'][number]['inboundCredentials'],
  di: number,
  limits: SmtpConnectorLimits,
  now: number | null,
  out: ProblemList,
): void {
  const path = (...rest: (string | number)[]): string =>
    jsonPath(['domains', di, 'inboundCredentials', ...rest]);
  const list = sets ?? [];
  if (c.mode === 'bidirectional' && list.length === 0) {
    out.error(
      'SMTP-1',
      path(),
      'Bidirectional mode needs inbound credentials for each domain: your server authenticates with them when it relays mail to the helpdesk.',
      'Generate the inbound credentials in the admin UI and record the set here (id, username, createdAt).',
    );
  }
  if (c.mode === 'outbound-only' && list.length > 0) {
    out.warning(
      'SMTP-1',
      path(),
      'Outbound-only mode receives mail by ordinary forwarding; inbound credentials are not used.',
      'Remove inboundCredentials, or switch to bidirectional mode if your server can relay inbound mail.',
    );
  }
  if (list.length > limits.maxInboundCredentialSets) {
    out.error(
      'SMTP-7',
      path(limits.maxInboundCredentialSets),
      `${list.length} inbound credential sets; at most ${limits.maxInboundCredentialSets} may coexist, and only during a rotation.`,
      'Revoke the sets you no longer use: keep the current one (and the previous one until the rotation ends).',
    );
  }
  const ids = new Set<string>();
  list.forEach((set, i) => {
    if (ids.has(set.id)) {
      out.error(
        'SMTP-7',
        path(i, 'id'),
        `Credential set id ${set.id} appears twice.`,
        'Give each set its own id.',
      );
    }
    ids.add(set.id);
    if (set.username.includes('@')) {
      const [local, host] = [set.username.slice(0, set.username.lastIndexOf('@')), domainOf(set.username)];
      const sub = host?.endsWith('.zendesk.com') ? host.slice(0, -'.zendesk.com'.length) : null;
      if (sub !== null && local.toLowerCase() !== sub) {
        out.warning(
          'SMTP-15',
          path(i, 'username'),
          `An email-style username on the helpdesk domain has the documented form <subdomain>@<subdomain>.zendesk.com; ${set.username} does not.`,
          `Use ${sub}@${sub}.zendesk.com and create that address in the helpdesk so replies to it arrive.`,
        );
      }
    }
  });
  if (list.length === 2) {
    const times = list.map((s) => timeOf(s.createdAt));
    const [t0, t1] = [times[0] ?? null, times[1] ?? null];
    const older = t0 !== null && t1 !== null && t1 < t0 ? 1 : 0;
    const old = list[older]!;
    const deadline = timeOf(old.retireBy);
    if (deadline === null) {
      out.warning(
        'SMTP-7',
        path(older, 'retireBy'),
        `Two inbound credential sets coexist with no deadline for retiring ${old.id}; two permanent sets double the exposure.`,
        'Set retireBy on the old set and revoke it once your server uses the new one.',
      );
    } else if (now !== null && now > deadline) {
      out.error(
        'SMTP-7',
        path(older, 'retireBy'),
        `The rotation deadline of set ${old.id} (${old.retireBy}) has passed and the set is still active.`,
        `Revoke set ${old.id} now (revocation takes effect immediately).`,
      );
    }
  }
}
