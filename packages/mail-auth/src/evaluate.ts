import { parseHeaders } from '@mailroom/headers';
import { type ArcResult, arc } from 'mailauth/lib/arc/index.js';
import { type ArcData, type DkimVerifyResult, dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { type DmarcResponse, evaluateDmarc } from 'mailauth/lib/dmarc/index.js';
import { type SpfResult, spf } from 'mailauth/lib/spf/index.js';
import { authResultProperty, parseAuthenticationResults } from './authentication-results.js';
import { type AuthState, decideDisposition, type UnauthenticatedClass } from './disposition.js';
import { DnsQueryBroker, type DnsQueryOutcome, TRANSIENT_DNS_OUTCOMES } from './dns-query-broker.js';
import type { DnsResolver } from './dns-resolver.js';
import { type AuthPolicy, type AuthPolicyOptions, type AuthRoute, resolveAuthPolicy } from './policy.js';
import { headerCensus, type RawFieldSpan, rawHeaderFields, withoutFields } from './raw-header-fields.js';
import type { AuthReasonCode } from './reason-codes.js';
import { stampAuthenticationResults } from './stamp.js';
import type {
  ArcVerdict,
  AuthInput,
  AuthMethod,
  AuthVerdict,
  DkimNote,
  DkimSignatureVerdict,
  DmarcVerdict,
  SpfVerdict,
  UpstreamVerdict,
} from './verdict.js';

const ROUTES: readonly AuthRoute[] = ['native', 'forwarded', 'connector'];
/** Time after the DNS deadline we still wait for mailauth to finish (its work is CPU only by then). */
const DEADLINE_GRACE_MS = 250;
const encoder = new TextEncoder();

const PERMANENT_DNS: ReadonlySet<DnsQueryOutcome> = new Set<DnsQueryOutcome>(['permanent-error']);

function checkInput(input: AuthInput, resolver: DnsResolver): void {
  if (typeof input !== 'object' || input === null) {
    throw new TypeError('evaluateAuthentication: input must be { message, envelope, route, now, relay? }');
  }
  if (typeof input.message !== 'string' && !(input.message instanceof Uint8Array)) {
    throw new TypeError(
      'evaluateAuthentication: input.message must be the raw message as a Uint8Array or string',
    );
  }
  const env = input.envelope;
  if (
    typeof env !== 'object' ||
    env === null ||
    typeof env.clientIp !== 'string' ||
    typeof env.helo !== 'string' ||
    (env.mailFrom !== null && typeof env.mailFrom !== 'string') ||
    !Array.isArray(env.rcptTo)
  ) {
    throw new TypeError(
      'evaluateAuthentication: input.envelope must be { clientIp: string, helo: string, mailFrom: string | null, rcptTo: string[] }',
    );
  }
  if (!ROUTES.includes(input.route)) {
    throw new TypeError(`evaluateAuthentication: input.route must be one of ${ROUTES.join(', ')}`);
  }
  const now = input.now instanceof Date ? input.now.getTime() : input.now;
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    throw new TypeError('evaluateAuthentication: input.now must be a valid Date or epoch milliseconds');
  }
  if (input.relay !== undefined) {
    const r = input.relay;
    if (
      typeof r.authenticated !== 'boolean' ||
      typeof r.connectorId !== 'string' ||
      !Array.isArray(r.allowedDomains)
    ) {
      throw new TypeError(
        'evaluateAuthentication: input.relay must be { authenticated: boolean, connectorId: string, allowedDomains: string[] }',
      );
    }
    if (r.authenticated && input.route !== 'connector') {
      throw new TypeError(
        "evaluateAuthentication: relay.authenticated is only meaningful with route 'connector'",
      );
    }
  }
  if (typeof resolver !== 'object' || resolver === null || typeof resolver.resolve !== 'function') {
    throw new TypeError(
      'evaluateAuthentication: resolver must be a DnsResolver ({ resolve(name, type, { signal }) })',
    );
  }
}

const lowerDomain = (d: string): string => d.trim().toLowerCase().replace(/\.$/, '');
const domainOf = (address: string): string => lowerDomain(address.slice(address.lastIndexOf('@') + 1));

function inDomains(domain: string | null, list: readonly string[]): boolean {
  if (domain === null) return false;
  // a plain loop: no closure and no `.${d}` string per entry (this runs for every verdict)
  for (const d of list) {
    if (domain === d) return true;
    const at = domain.length - d.length - 1;
    if (at >= 0 && domain.charCodeAt(at) === 0x2e && domain.endsWith(d)) return true;
  }
  return false;
}

// IPv4 dotted quad or anything IPv6-looking: a HELO that is an address literal without brackets.
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;
function normalizeHelo(helo: string, clientIp: string): string {
  const h = helo.trim();
  if (h === '') return `[${clientIp}]`;
  if (IPV4.test(h) || (h.includes(':') && IPV6.test(h))) return `[${h}]`;
  return h;
}

interface Prepared {
  readonly forDkim: Uint8Array;
  readonly tooLarge: boolean;
  readonly notVerified: number;
  readonly authResults: readonly string[];
}

function prepareMessage(bytes: Uint8Array, policy: AuthPolicy): Prepared {
  // A byte scan that counts fields is all most messages need; the field spans are built only when the
  // message is edited, and the header parser runs only when there are Authentication-Results fields to read.
  const census = headerCensus(bytes);
  const authResults = census.authenticationResults
    ? parseHeaders(bytes).getAll('authentication-results')
    : [];
  const tooLarge = bytes.length > policy.maxMessageBytes;
  const dkimCount = census.dkimSignatures;
  if (!tooLarge && dkimCount <= policy.dkim.maxSignatures)
    return { forDkim: bytes, tooLarge, notVerified: 0, authResults };
  const { fields, bodyStart } = rawHeaderFields(bytes);
  const drop = new Set<RawFieldSpan>();
  let seen = 0;
  for (const f of fields) {
    if (tooLarge && (f.name === 'dkim-signature' || f.name.startsWith('arc-'))) drop.add(f);
    else if (f.name === 'dkim-signature' && ++seen > policy.dkim.maxSignatures) drop.add(f);
  }
  return {
    forDkim: withoutFields(bytes, drop, bodyStart, !tooLarge, fields),
    tooLarge,
    notVerified: tooLarge ? 0 : Math.max(0, dkimCount - policy.dkim.maxSignatures),
    authResults,
  };
}

interface Checks {
  dkim: DkimVerifyResult | null;
  spf: SpfResult | null;
  arc: ArcResult | null;
  dmarc: { response: DmarcResponse | false; reason?: string; dkimAligned?: Set<string> } | null;
  failed: boolean;
}

async function runChecks(
  prepared: Prepared,
  input: AuthInput,
  policy: AuthPolicy,
  broker: DnsQueryBroker,
  helo: string,
  counts: (d: DkimVerifyResult) => { domain: string; underSized?: number }[],
): Promise<Checks> {
  const checks: Checks = { dkim: null, spf: null, arc: null, dmarc: null, failed: false };
  const now = new Date(input.now instanceof Date ? input.now.getTime() : input.now);
  const keys = broker.forSequentialStages('dkim');
  try {
    const [dkimResult, spfResult] = await Promise.all([
      dkimVerify(prepared.forDkim, {
        resolver: keys.resolver,
        minBitLength: policy.dkim.minRsaBits,
        rejectRsaSha1: true,
        curTime: now,
        strict: policy.dkim.strict,
      }),
      spf({
        ip: input.envelope.clientIp,
        sender: input.envelope.mailFrom ?? '',
        helo,
        mta: policy.authservId,
        resolver: broker.forStage('spf'),
        strict: true,
      }),
    ]);
    checks.dkim = dkimResult;
    checks.spf = spfResult;
    if (!prepared.tooLarge) {
      const arcData: ArcData = dkimResult.arc ?? { chain: false };
      keys.moveTo('arc');
      checks.arc = await arc(arcData, {
        resolver: keys.resolver,
        minBitLength: policy.dkim.minRsaBits,
        strict: policy.dkim.strict,
        ip: input.envelope.clientIp,
      });
    }
    checks.dmarc = await evaluateDmarc({
      headerFrom: dkimResult.headerFrom,
      fromFields: dkimResult.fromFields,
      spfDomains: spfResult.status.result === 'pass' ? [spfResult.domain] : [],
      dkimDomains: counts(dkimResult),
      ...(checks.arc === null ? {} : { arcResult: checks.arc }),
      resolver: broker.forStage('dmarc'),
      strict: policy.dkim.strict,
    });
  } catch {
    // mailauth rejecting is not expected for any input; if it happens the message is unverifiable, not accepted.
    checks.failed = true;
  }
  return checks;
}

function dkimNote(
  status: { result: string; testing?: boolean; underSized?: number; policy?: { 'dkim-rules'?: string } },
  policy: AuthPolicy,
): DkimNote | undefined {
  if (status.result === 'policy') {
    return status.policy?.['dkim-rules'] === 'weak-algorithm' ? 'rsa-sha1' : 'weak-key';
  }
  if (status.result !== 'pass') return undefined;
  if (status.testing === true && !policy.dkim.countTestingKeys) return 'testing-key';
  if ((status.underSized ?? 0) > 0 && !policy.dkim.allowBodyLengthTag) return 'body-length-appended';
  return undefined;
}

/**
 * Evaluates DKIM, SPF, ARC and DMARC for one received message with mailauth's per-check modules and the
 * consumer's {@link DnsResolver}, then applies local policy: the authenticated connector (AUTH-3), DMARC
 * with only the DKIM signatures our rules accept, a trusted ARC sealer's results (RFC 8617 §7.2), a trusted
 * upstream Authentication-Results for forwarded mail, and the mode × route disposition table (AUTH-4).
 * Temporary DNS failures that could change the answer give `defer`. Never throws on message content; throws
 * a TypeError for a malformed call (bad policy, input or resolver).
 *
 * @rule AUTH-2, AUTH-3, AUTH-4, AUTH-5
 * @example
 * const verdict = await evaluateAuthentication(
 *   {
 *     message: rawBytes,
 *     envelope: { clientIp: '192.0.2.10', helo: 'mail.example.com', mailFrom: 'bounces@example.com', rcptTo: ['support@helpdesk.example'] },
 *     route: 'native',
 *     now: new Date('2026-01-06T10:00:00Z'),
 *   },
 *   { authservId: 'mx.helpdesk.example', mode: 'native' },
 *   createMemoryResolver(zone),
 * );
 * verdict.disposition; // 'accept' | 'suspend' | 'reject' | 'defer'
 */
export async function evaluateAuthentication(
  input: AuthInput,
  policyOptions: AuthPolicyOptions,
  resolver: DnsResolver,
): Promise<AuthVerdict> {
  const policy = resolveAuthPolicy(policyOptions);
  checkInput(input, resolver);
  const bytes = typeof input.message === 'string' ? encoder.encode(input.message) : input.message;
  const prepared = prepareMessage(bytes, policy);
  const helo = normalizeHelo(input.envelope.helo, input.envelope.clientIp);
  const broker = new DnsQueryBroker(resolver, policy.dns);

  const counted = (d: DkimVerifyResult): { domain: string; underSized?: number }[] =>
    d.results
      .filter(
        (r) => r.status.result === 'pass' && r.signingDomain && dkimNote(r.status, policy) === undefined,
      )
      .map((r) => ({
        domain: r.signingDomain as string,
        ...(r.status.underSized === undefined ? {} : { underSized: r.status.underSized }),
      }));

  // After the DNS deadline every pending query has failed and mailauth finishes on its own; the grace timer
  // (started only then) bounds the rare case where it would not.
  let hardTimer: ReturnType<typeof setTimeout> | undefined;
  const checks = await new Promise<Checks | 'deadline'>((resolve) => {
    broker.start(() => {
      hardTimer = setTimeout(() => resolve('deadline'), DEADLINE_GRACE_MS);
    });
    runChecks(prepared, input, policy, broker, helo, counted).then(resolve, () =>
      resolve({ dkim: null, spf: null, arc: null, dmarc: null, failed: true }),
    );
  });
  clearTimeout(hardTimer);
  broker.stop();
  return buildVerdict(checks, input, policy, broker, prepared, helo);
}

function buildVerdict(
  outcome: Checks | 'deadline',
  input: AuthInput,
  policy: AuthPolicy,
  broker: DnsQueryBroker,
  prepared: Prepared,
  helo: string,
): AuthVerdict {
  const reasons: AuthReasonCode[] = [];
  const add = (code: AuthReasonCode): void => {
    if (!reasons.includes(code)) reasons.push(code);
  };
  const checks: Checks =
    outcome === 'deadline' ? { dkim: null, spf: null, arc: null, dmarc: null, failed: true } : outcome;
  if (outcome === 'deadline') add('evaluation-deadline');
  else if (checks.failed) add('evaluation-error');
  if (prepared.tooLarge) add('message-too-large');
  if (prepared.notVerified > 0) add('dkim-too-many-signatures');

  // ---- From ----
  const headerFrom = checks.dkim?.headerFrom ?? [];
  const fromAddress = headerFrom[0] ?? null;
  const authorDomains = [...new Set(headerFrom.map(domainOf))];
  const dmarcResponse = checks.dmarc?.response || null;
  const fromDomain = dmarcResponse
    ? lowerDomain(String(dmarcResponse.status.header?.from ?? '')) || null
    : null;
  const isProtected =
    fromDomain !== null
      ? inDomains(fromDomain, policy.protectedDomains)
      : authorDomains.some((d) => inDomains(d, policy.protectedDomains));

  // ---- DMARC ----
  let dmarc: DmarcVerdict;
  if (checks.dmarc === null) {
    dmarc = { result: 'temperror' };
  } else if (dmarcResponse === null) {
    const skipReason = checks.dmarc.reason ?? 'no-author-domain';
    dmarc = { result: 'skipped', skipReason };
    if (
      skipReason === 'no-author-domain' ||
      skipReason === 'multiple-author-domains' ||
      skipReason === 'multiple-from-fields' ||
      skipReason === 'invalid-author-domain'
    ) {
      add(skipReason);
    } else add('no-author-domain');
  } else {
    const r = dmarcResponse.status.result;
    dmarc = {
      result: r === 'neutral' ? 'none' : r,
      ...(dmarcResponse.policy === undefined || r === 'none' || r === 'temperror'
        ? {}
        : { policy: dmarcResponse.policy }),
      ...(dmarcResponse.policyDomain === undefined ? {} : { policyDomain: dmarcResponse.policyDomain }),
      ...(dmarcResponse.testMode === undefined ? {} : { testMode: dmarcResponse.testMode }),
    };
    add(
      r === 'pass'
        ? 'dmarc-pass'
        : r === 'fail'
          ? 'dmarc-fail'
          : r === 'temperror'
            ? 'dmarc-temperror'
            : 'dmarc-none',
    );
    if (dmarc.result === 'fail' && dmarc.policy !== undefined) add(`dmarc-policy-${dmarc.policy}`);
    if (dmarc.testMode === true) add('dmarc-test-mode');
  }
  const orgDomain = dmarcResponse?.domain ? lowerDomain(dmarcResponse.domain) : fromDomain;
  const couldAlign = (domain: string, strictMode: boolean | undefined): boolean => {
    if (fromDomain === null || orgDomain === null) return false;
    const d = lowerDomain(domain);
    if (strictMode === true) return d === fromDomain;
    return d === orgDomain || d.endsWith(`.${orgDomain}`) || d === fromDomain;
  };

  // ---- DKIM ----
  const aligned = checks.dmarc?.dkimAligned ?? new Set<string>();
  const dkim: DkimSignatureVerdict[] = [];
  const temporaryCauses: AuthReasonCode[] = [];
  for (const r of checks.dkim?.results ?? []) {
    if (r.status.result === 'none' && r.signingDomain === undefined) continue; // "message not signed"
    const domain = lowerDomain(r.signingDomain ?? '');
    const note = dkimNote(r.status, policy);
    const isCounted = r.status.result === 'pass' && note === undefined && domain !== '';
    if (note === 'testing-key') add('dkim-testing-key-ignored');
    if (note === 'body-length-appended') add('dkim-body-length-ignored');
    if (note === 'weak-key') add('dkim-weak-key');
    if (note === 'rsa-sha1') add('dkim-rsa-sha1-rejected');
    if (r.status.result === 'temperror') {
      const outcomeOfKey = broker.outcomeOf('dkim', `${r.selector ?? ''}._domainkey.${domain}`, 'TXT');
      if (outcomeOfKey !== undefined && TRANSIENT_DNS_OUTCOMES.has(outcomeOfKey)) {
        if (couldAlign(domain, dmarcResponse?.alignment?.dkim?.strict))
          temporaryCauses.push('dkim-temperror');
      } else add('dns-permanent-error');
    }
    dkim.push({
      domain,
      selector: r.selector ?? '',
      algorithm: String(r.algo ?? ''),
      result: r.status.result,
      counted: isCounted,
      aligned: isCounted && aligned.has(domain),
      ...(note === undefined ? {} : { note }),
      ...(r.status.comment === undefined ? {} : { comment: String(r.status.comment) }),
    });
  }

  // ---- SPF ----
  const nullSender = (input.envelope.mailFrom ?? '') === '';
  const spfDomain = checks.spf?.domain ?? (nullSender ? helo : domainOf(input.envelope.mailFrom ?? ''));
  const spfResult = checks.spf?.status.result ?? 'temperror';
  const spfVerdict: SpfVerdict = {
    result: spfResult,
    domain: spfDomain,
    identity: nullSender ? 'helo' : 'mailfrom',
    aligned:
      typeof dmarcResponse?.alignment?.spf?.result === 'string' && dmarcResponse.alignment.spf.result !== '',
    ...(checks.spf?.explanation === undefined ? {} : { explanation: checks.spf.explanation }),
  };
  if (spfResult === 'temperror' && checks.spf !== null) {
    if (broker.stageSaw('spf', TRANSIENT_DNS_OUTCOMES)) {
      if (couldAlign(spfDomain, dmarcResponse?.alignment?.spf?.strict)) temporaryCauses.push('spf-temperror');
    } else if (broker.stageSaw('spf', PERMANENT_DNS)) add('dns-permanent-error');
  }

  // ---- ARC ----
  const arcData = checks.dkim?.arc;
  const newest = arcData?.lastEntry;
  const sealerValue = newest?.['arc-seal']?.parsed?.d?.value;
  const sealer = typeof sealerValue === 'string' ? lowerDomain(sealerValue) : undefined;
  const sealerTrusted = sealer !== undefined && policy.trustedArcSealers.includes(sealer);
  let arcVerdict: ArcVerdict;
  if (prepared.tooLarge) {
    arcVerdict = { result: 'skipped', trusted: false };
  } else if (checks.arc === null) {
    arcVerdict = { result: 'none', trusted: false };
  } else {
    let result: ArcVerdict['result'] = checks.arc.status.result;
    // The newest AMS is verified inside dkimVerify (dkim stage): a temperror there is temporary only when
    // its key lookup failed transiently (a malformed d= also gives temperror, permanently).
    const ams = newest?.messageSignature;
    const amsKeyOutcome =
      ams?.status.result === 'temperror'
        ? broker.outcomeOf('dkim', `${ams.selector ?? ''}._domainkey.${ams.signingDomain ?? ''}`, 'TXT')
        : undefined;
    const amsTemp = amsKeyOutcome !== undefined && TRANSIENT_DNS_OUTCOMES.has(amsKeyOutcome);
    if (result === 'fail' && (broker.stageSaw('arc', TRANSIENT_DNS_OUTCOMES) || amsTemp))
      result = 'temperror';
    const aar = checks.arc.authenticationResults;
    const upstreamDmarc = typeof aar?.dmarc?.result === 'string' ? aar.dmarc.result.toLowerCase() : undefined;
    const upstreamFrom =
      typeof aar?.dmarc?.header?.from === 'string' ? lowerDomain(aar.dmarc.header.from) : undefined;
    arcVerdict = {
      result,
      ...(typeof checks.arc.i === 'number' && checks.arc.i > 0 ? { instance: checks.arc.i } : {}),
      ...(sealer === undefined ? {} : { sealer }),
      trusted: sealerTrusted,
      ...(result === 'pass' && upstreamDmarc !== undefined ? { upstreamDmarc } : {}),
      ...(result === 'pass' && upstreamFrom !== undefined ? { upstreamFrom } : {}),
      ...(checks.arc.status.comment === undefined ? {} : { comment: String(checks.arc.status.comment) }),
    };
    if (result === 'temperror') {
      add('arc-temperror');
      if (sealerTrusted && !isProtected && fromDomain !== null) temporaryCauses.push('arc-temperror');
    } else if (result === 'fail') add('arc-fail');
  }

  // ---- upstream Authentication-Results ----
  const own = policy.authservId.toLowerCase();
  let ignoredOwnFields = 0;
  let upstreamVerdict: UpstreamVerdict = { ignoredOwnFields: 0 };
  let upstreamPass = false;
  {
    let topTrusted: ReturnType<typeof parseAuthenticationResults> | undefined;
    for (const value of prepared.authResults) {
      const parsed = parseAuthenticationResults(value);
      const id = parsed.authservId.toLowerCase();
      if (id === own) {
        ignoredOwnFields++;
        continue;
      }
      if (topTrusted === undefined && id !== '' && policy.trustedAuthservIds.includes(id))
        topTrusted = parsed;
    }
    if (ignoredOwnFields > 0) add('upstream-own-authserv-id-ignored');
    if (input.route === 'forwarded' && topTrusted !== undefined) {
      const entry = topTrusted.results.find((e) => e.method === 'dmarc');
      const headerFromProp = entry === undefined ? undefined : authResultProperty(entry, 'header', 'from');
      upstreamVerdict = {
        authservId: topTrusted.authservId,
        ...(entry === undefined ? {} : { dmarc: entry.result }),
        ...(headerFromProp === undefined ? {} : { headerFrom: lowerDomain(headerFromProp) }),
        ignoredOwnFields,
      };
      upstreamPass =
        entry?.result === 'pass' &&
        headerFromProp !== undefined &&
        fromDomain !== null &&
        lowerDomain(headerFromProp) === fromDomain;
    } else upstreamVerdict = { ignoredOwnFields };
  }

  // ---- the verdict rules, in order ----
  let method: AuthMethod | null = null;
  let alignedDomain: string | null = null;
  const relay = input.relay;
  let relayMarker: AuthVerdict['relay'] = { authenticated: false };
  if (input.route === 'connector') {
    if (relay?.authenticated === true) {
      const allowed = relay.allowedDomains.map(lowerDomain);
      if (fromDomain !== null && allowed.includes(fromDomain)) {
        method = 'authenticated-relay';
        alignedDomain = fromDomain;
        relayMarker = { authenticated: true, connectorId: relay.connectorId };
        add('relay-authenticated');
      } else add('relay-domain-not-allowed');
    } else add('relay-not-authenticated');
  }
  if (method === null && dmarc.result === 'pass') {
    const dkimAlignedDomain = dmarcResponse?.alignment?.dkim?.result;
    if (typeof dkimAlignedDomain === 'string' && dkimAlignedDomain !== '') {
      method = 'dkim';
      alignedDomain = lowerDomain(dkimAlignedDomain);
    } else {
      method = 'spf';
      alignedDomain = lowerDomain(String(dmarcResponse?.alignment?.spf?.result ?? spfDomain));
    }
  }
  if (method === null && arcVerdict.result === 'pass') {
    if (!sealerTrusted) add('arc-untrusted-sealer');
    else if (isProtected) add('arc-protected-domain');
    else if (
      arcVerdict.upstreamDmarc === 'pass' &&
      fromDomain !== null &&
      arcVerdict.upstreamFrom === fromDomain
    ) {
      method = 'arc';
      alignedDomain = sealer ?? null;
      add('arc-pass-trusted-sealer');
    } else add('arc-results-not-dmarc-pass');
  }
  if (method === null && upstreamVerdict.authservId !== undefined) {
    if (isProtected) add('upstream-protected-domain');
    else if (upstreamPass) {
      method = 'trusted-upstream';
      alignedDomain = upstreamVerdict.authservId.toLowerCase();
      add('upstream-trusted-pass');
    } else add('upstream-not-dmarc-pass');
  }
  const authenticated = method !== null;

  // ---- disposition ----
  if (broker.budgetExceeded) add('dns-budget-exceeded');
  if (broker.deadlineReached) add('dns-deadline');
  const dmarcTransient =
    dmarc.result === 'temperror' &&
    (broker.stageSaw('dmarc', TRANSIENT_DNS_OUTCOMES) || outcome === 'deadline');
  if (dmarc.result === 'temperror' && !dmarcTransient && checks.dmarc !== null) add('dns-permanent-error');
  let unauthClass: UnauthenticatedClass;
  if (isProtected) unauthClass = 'protected-domain';
  else if (dmarc.result === 'skipped') unauthClass = 'author-ambiguous';
  else if (broker.budgetExceeded || checks.failed || dmarc.result === 'temperror')
    unauthClass = 'unverifiable';
  else if (dmarc.result === 'fail') {
    unauthClass =
      dmarc.policy === 'reject'
        ? 'dmarc-reject'
        : dmarc.policy === 'quarantine'
          ? 'dmarc-quarantine'
          : 'dmarc-fail-policy-none';
  } else unauthClass = 'no-dmarc-policy';

  let state: AuthState;
  if (authenticated) state = 'authenticated';
  else {
    const unauthDisposition = decideDisposition(policy.mode, input.route, unauthClass);
    for (const c of temporaryCauses) add(c);
    if (outcome === 'deadline' || dmarcTransient) state = 'temporary';
    else if (temporaryCauses.length > 0) {
      if (unauthDisposition === 'accept') {
        add('dns-temperror-irrelevant');
        state = unauthClass;
      } else state = 'temporary';
    } else state = unauthClass;
    if (state === 'protected-domain') add('protected-domain-unauthenticated');
  }
  const disposition = decideDisposition(policy.mode, input.route, state);
  if (policy.mode === 'off') add('mode-off');

  const partial = {
    authenticated,
    method,
    fromAddress,
    fromDomain,
    alignedDomain,
    disposition,
    temporary: disposition === 'defer',
    state,
    reasons,
    dmarc,
    spf: spfVerdict,
    dkim,
    dkimSignaturesNotVerified: prepared.notVerified,
    arc: arcVerdict,
    upstream: upstreamVerdict,
    relay: relayMarker,
    dnsLog: broker.log.slice(),
    dnsQueries: broker.sent,
  };
  return {
    ...partial,
    authenticationResults: stampAuthenticationResults(partial, {
      authservId: policy.authservId,
      clientIp: input.envelope.clientIp,
      helo,
      mailFrom: input.envelope.mailFrom ?? '',
      dmarcComment: dmarcResponse?.status.comment,
    }),
  };
}
