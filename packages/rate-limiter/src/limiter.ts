// The contract every limiter of this package keeps, so a store (in memory or Redis) can drive any of them.

/** How a window is counted: every hit's time (`exact`) or per-bucket counters (`approximate`). */
export type LimiterMode = 'exact' | 'approximate';

/** Why a stored state string was refused by `decodeState`. */
export type StateProblem =
  /** Longer than any state this limiter can produce. */
  | 'too-long'
  /** Written by another mode, another limiter kind or another format version. */
  | 'wrong-kind'
  /** Not the grammar of an encoded state (bad separators, digits, field count). */
  | 'malformed'
  /** Well formed, but a value this limiter's options can never produce (unsorted times, counts over the bound). */
  | 'out-of-bounds';

/** The result of decoding a stored state: the state, or the reason it was refused (never an exception). */
export type DecodeStateResult<S> =
  | { readonly ok: true; readonly state: S }
  | { readonly ok: false; readonly problem: StateProblem };

/** What every hit result carries: the new state to store. */
export interface HitResultBase<S> {
  /** The state to store in place of the one passed in (the old one is never mutated). */
  readonly state: S;
  /** Milliseconds from `nowMs` until a hit of the same cost would get the most permissive outcome, if no other
   * hit comes in between (0 when this hit got it; `Infinity` when the cost can never fit). */
  readonly retryAfterMs: number;
}

/**
 * A pure limiter: `hit` maps (state, time, cost) to a decision and a new state, reading no clock and keeping no
 * state of its own. `S` is the state type, `R` the hit result.
 */
export interface Limiter<S, R extends HitResultBase<S>> {
  /** Counts a hit of `cost` at `nowMs` against `state` (`undefined` for a key never seen). */
  hit(state: S | undefined, nowMs: number, cost?: number): R;
  /** After this many ms without a hit, a key's state is equivalent to no state: a store may drop it. */
  readonly idleMs: number;
  /** Serializes a state to a short ASCII string (for Redis, a database column, a cookie). */
  encodeState(state: S): string;
  /** Parses a string from `encodeState`; refuses, with a reason, anything this limiter could not have written. */
  decodeState(text: string): DecodeStateResult<S>;
}
