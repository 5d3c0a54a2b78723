import { formatAuthComment, formatAuthValue } from './authentication-results.js';
import type { AuthVerdict } from './verdict.js';

/** What the stamp needs besides the verdict. */
export interface StampContext {
  readonly authservId: string;
  readonly clientIp: string;
  readonly helo: string;
  readonly mailFrom: string;
  readonly dmarcComment: string | undefined;
}

const NOTE_TEXT: Readonly<Record<string, string>> = {
  'testing-key': 'key in testing mode t=y, not counted',
  'body-length-appended': 'content after the signed length l=, not counted',
  'weak-key': 'key too short',
  'rsa-sha1': 'rsa-sha1 not accepted, RFC 8301',
};

/**
 * The Authentication-Results value (RFC 8601) for a verdict: one `dkim` per verified signature (a passing
 * signature our rules did not count is stamped `policy`), `spf`, `dmarc` (with the local override noted),
 * `arc`, and `auth=pass smtp.auth=<connector>` for the authenticated connector (RFC 8601 §2.7.4).
 */
export function stampAuthenticationResults(
  v: Omit<AuthVerdict, 'authenticationResults'>,
  ctx: StampContext,
): string {
  const parts: string[] = [];
  if (v.dkim.length === 0)
    parts.push(
      v.arc.result === 'skipped'
        ? `dkim=none ${formatAuthComment('message too large, not verified')}`
        : 'dkim=none',
    );
  for (const sig of v.dkim) {
    const result = sig.note !== undefined && sig.result === 'pass' ? 'policy' : sig.result;
    const comment = sig.note !== undefined ? NOTE_TEXT[sig.note] : sig.comment;
    parts.push(
      [
        `dkim=${result}`,
        comment === undefined ? '' : formatAuthComment(comment),
        `header.d=${formatAuthValue(sig.domain || 'unknown')}`,
        `header.s=${formatAuthValue(sig.selector || 'unknown')}`,
        `header.a=${formatAuthValue(sig.algorithm || 'unknown')}`,
        sig.note === undefined ? '' : `policy.dkim-rules=${sig.note}`,
      ]
        .filter((s) => s !== '')
        .join(' '),
    );
  }
  const spfProp =
    v.spf.identity === 'helo'
      ? `smtp.helo=${formatAuthValue(ctx.helo)}`
      : `smtp.mailfrom=${formatAuthValue(ctx.mailFrom)}`;
  parts.push(`spf=${v.spf.result} ${spfProp}`);

  const override =
    v.method === 'arc'
      ? `overridden: trusted ARC sealer ${v.arc.sealer ?? ''}`
      : v.method === 'trusted-upstream'
        ? `overridden: trusted upstream ${v.upstream.authservId ?? ''}`
        : undefined;
  if (v.dmarc.result === 'skipped') {
    parts.push(`dmarc=permerror ${formatAuthComment(v.dmarc.skipReason ?? 'no-author-domain')}`);
  } else {
    const comment = [ctx.dmarcComment, override]
      .filter((c): c is string => typeof c === 'string' && c !== '')
      .join('; ');
    parts.push(
      [
        `dmarc=${v.dmarc.result}`,
        comment === '' ? '' : formatAuthComment(comment),
        v.dmarc.policy === undefined ? '' : `policy.dmarc=${v.dmarc.policy}`,
        v.fromDomain === null ? '' : `header.from=${formatAuthValue(v.fromDomain)}`,
      ]
        .filter((s) => s !== '')
        .join(' '),
    );
  }
  if (v.arc.result !== 'none' && v.arc.result !== 'skipped') {
    const info = [
      v.arc.instance === undefined ? '' : `i=${v.arc.instance}`,
      v.arc.sealer === undefined ? '' : `sealer=${v.arc.sealer}${v.arc.trusted ? ' trusted' : ''}`,
    ]
      .filter((s) => s !== '')
      .join(' ');
    parts.push(
      [
        `arc=${v.arc.result}`,
        info === '' ? '' : formatAuthComment(info),
        `smtp.remote-ip=${formatAuthValue(ctx.clientIp)}`,
      ]
        .filter((s) => s !== '')
        .join(' '),
    );
  }
  if (v.relay.authenticated && v.relay.connectorId !== undefined) {
    parts.push(
      `auth=pass ${formatAuthComment('authenticated SMTP connector')} smtp.auth=${formatAuthValue(v.relay.connectorId)}`,
    );
  }
  return `${ctx.authservId}; ${parts.join('; ')}`;
}
