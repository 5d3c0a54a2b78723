import type { AuthMode, AuthRoute } from './policy.js';

/** What the helpdesk does with the message. `defer` = temporary failure (SMTP 4xx or a retry queue). */
export type Disposition = 'accept' | 'suspend' | 'reject' | 'defer';

/**
 * Why an unauthenticated message is unauthenticated, in the order the evaluator checks:
 * `protected-domain` (From is one of the helpdesk's own domains), `author-ambiguous` (no single author domain:
 * no From, several From fields, several domains), `unverifiable` (the DNS query budget ran out, a permanent
 * DNS error hid the DMARC policy, or the checks could not run), then the DMARC outcome: `dmarc-reject`,
 * `dmarc-quarantine`, `dmarc-fail-policy-none` (fail under p=none), `no-dmarc-policy` (no DMARC record).
 */
export type UnauthenticatedClass =
  | 'protected-domain'
  | 'author-ambiguous'
  | 'unverifiable'
  | 'dmarc-reject'
  | 'dmarc-quarantine'
  | 'dmarc-fail-policy-none'
  | 'no-dmarc-policy';

/** The disposition of unauthenticated, non-temporary mail, by mode, route and class. */
export type DispositionTable = {
  readonly [M in AuthMode]: {
    readonly [R in AuthRoute]: { readonly [C in UnauthenticatedClass]: Exclude<Disposition, 'defer'> };
  };
};

type Row = DispositionTable[AuthMode][AuthRoute];

const ACCEPT_ALL: Row = Object.freeze({
  'protected-domain': 'accept',
  'author-ambiguous': 'accept',
  unverifiable: 'accept',
  'dmarc-reject': 'accept',
  'dmarc-quarantine': 'accept',
  'dmarc-fail-policy-none': 'accept',
  'no-dmarc-policy': 'accept',
});

// Hold what the sender's domain asks to hold, plus spoofs of our own domains and mail we cannot attribute.
const MINIMAL: Row = Object.freeze({
  'protected-domain': 'suspend',
  'author-ambiguous': 'suspend',
  unverifiable: 'suspend',
  'dmarc-reject': 'suspend',
  'dmarc-quarantine': 'suspend',
  'dmarc-fail-policy-none': 'accept',
  'no-dmarc-policy': 'accept',
});

// Enhanced: every unauthenticated message is held; p=reject and spoofs of our own domains are refused.
const STRICT_DIRECT: Row = Object.freeze({
  'protected-domain': 'reject',
  'author-ambiguous': 'suspend',
  unverifiable: 'suspend',
  'dmarc-reject': 'reject',
  'dmarc-quarantine': 'suspend',
  'dmarc-fail-policy-none': 'suspend',
  'no-dmarc-policy': 'suspend',
});

// Forwarded mail is held, never refused: a refusal would bounce to the customer's own forwarding server.
const STRICT_FORWARDED: Row = Object.freeze({
  'protected-domain': 'suspend',
  'author-ambiguous': 'suspend',
  unverifiable: 'suspend',
  'dmarc-reject': 'suspend',
  'dmarc-quarantine': 'suspend',
  'dmarc-fail-policy-none': 'suspend',
  'no-dmarc-policy': 'suspend',
});

/**
 * The disposition table (AUTH-4). Authenticated mail is always accepted and a temporary DNS failure that
 * could change the answer always defers (except in mode `off`); this table covers the rest. Exported as
 * data: a consumer can read it, document it, or pass its own to {@link decideDisposition}.
 */
export const DISPOSITION_TABLE: DispositionTable = Object.freeze({
  off: Object.freeze({ native: ACCEPT_ALL, forwarded: ACCEPT_ALL, connector: ACCEPT_ALL }),
  minimal: Object.freeze({ native: MINIMAL, forwarded: MINIMAL, connector: MINIMAL }),
  native: Object.freeze({ native: STRICT_DIRECT, forwarded: MINIMAL, connector: MINIMAL }),
  'native-and-forwarded': Object.freeze({
    native: STRICT_DIRECT,
    forwarded: STRICT_FORWARDED,
    connector: STRICT_DIRECT,
  }),
});

/** The state of a message for {@link decideDisposition}. */
export type AuthState = 'authenticated' | 'temporary' | UnauthenticatedClass;

/**
 * The disposition for a mode, route and state: `accept` when authenticated, `defer` when temporary (but
 * `accept` in mode `off`), the table cell otherwise.
 *
 * @rule AUTH-4
 * @example
 * decideDisposition('native', 'native', 'no-dmarc-policy'); // 'suspend'
 * decideDisposition('native', 'forwarded', 'no-dmarc-policy'); // 'accept'
 * decideDisposition('minimal', 'native', 'temporary'); // 'defer'
 */
export function decideDisposition(
  mode: AuthMode,
  route: AuthRoute,
  state: AuthState,
  table: DispositionTable = DISPOSITION_TABLE,
): Disposition {
  if (state === 'authenticated') return 'accept';
  if (state === 'temporary') return mode === 'off' ? 'accept' : 'defer';
  const cell = table[mode]?.[route]?.[state];
  if (cell === undefined) {
    throw new TypeError(`decideDisposition: no cell for mode "${mode}", route "${route}", state "${state}"`);
  }
  return cell;
}
