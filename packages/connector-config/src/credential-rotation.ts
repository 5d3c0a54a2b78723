import { DEFAULT_ROTATION_OVERLAP_MS } from './presets.js';

/** One inbound credential set, by id, with when it was issued (epoch ms). */
export interface CredentialSetRef {
  readonly id: string;
  readonly issuedAt: number;
}

/**
 * Inbound credentials of one connector domain (SMTP-7): none yet, one active set, two sets during a rotation (the
 * new `current` and the `previous` one that must go by `retireBy`), or a rotation kept past its deadline.
 */
export type CredentialRotationState =
  | { readonly status: 'none' }
  | { readonly status: 'active'; readonly current: CredentialSetRef }
  | {
      readonly status: 'rotating' | 'overdue';
      readonly current: CredentialSetRef;
      readonly previous: CredentialSetRef;
      readonly retireBy: number;
    };

/** Every status the rotation machine can produce (SMTP-7). */
export const CREDENTIAL_ROTATION_STATUSES: readonly CredentialRotationState['status'][] = Object.freeze([
  'none',
  'active',
  'rotating',
  'overdue',
]);

/** What an admin can do with inbound credentials. */
export type CredentialRotationEvent =
  /** Issue the first set (shown once to the admin, SMTP-6). */
  | { readonly type: 'issue'; readonly id: string }
  /** Start a rotation: issue a second set next to the current one. */
  | { readonly type: 'add-second'; readonly id: string; readonly retireBy?: number | undefined }
  /** End a rotation: the previous set is retired, the new one stays. */
  | { readonly type: 'retire-previous' }
  /** Revoke one set immediately (a leaked password). */
  | { readonly type: 'revoke'; readonly id: string }
  /** Time passes: a rotation past its deadline becomes overdue. */
  | { readonly type: 'tick' };

/** Result of one transition; a rejected event leaves the state unchanged and says why. */
export interface CredentialRotationTransition {
  readonly state: CredentialRotationState;
  readonly accepted: boolean;
  readonly note?: string | undefined;
}

const reject = (state: CredentialRotationState, note: string): CredentialRotationTransition => ({
  state,
  accepted: false,
  note,
});

/**
 * Applies one event to a domain's inbound credentials (SMTP-7): at most two sets, and only during a rotation with a
 * deadline; a third set is refused; any set can be revoked at once; a rotation left open past `retireBy` becomes
 * `overdue` (it keeps working, but the validators report it). Pure: time comes in as `now`.
 *
 * @rule SMTP-7
 * @example
 * let s = transitionCredentials({ status: 'none' }, { type: 'issue', id: 'set-1' }, 0).state;
 * s = transitionCredentials(s, { type: 'add-second', id: 'set-2' }, 1000).state; // status 'rotating'
 * s = transitionCredentials(s, { type: 'retire-previous' }, 2000).state; // status 'active', current set-2
 */
export function transitionCredentials(
  state: CredentialRotationState,
  event: CredentialRotationEvent,
  now: number,
  overlapMs: number = DEFAULT_ROTATION_OVERLAP_MS,
): CredentialRotationTransition {
  switch (event.type) {
    case 'issue':
      if (state.status !== 'none')
        return reject(state, 'a set already exists: rotate with add-second instead');
      return { state: { status: 'active', current: { id: event.id, issuedAt: now } }, accepted: true };
    case 'add-second': {
      if (state.status === 'none') return reject(state, 'no set to rotate: issue the first set');
      if (state.status !== 'active')
        return reject(state, 'two sets already exist: a third set is not allowed');
      if (event.id === state.current.id) return reject(state, `set ${event.id} already exists`);
      const retireBy = event.retireBy ?? now + overlapMs;
      if (!(retireBy > now)) return reject(state, 'the rotation deadline must be in the future');
      return {
        state: {
          status: 'rotating',
          current: { id: event.id, issuedAt: now },
          previous: state.current,
          retireBy,
        },
        accepted: true,
      };
    }
    case 'retire-previous':
      if (state.status !== 'rotating' && state.status !== 'overdue')
        return reject(state, 'no rotation in progress');
      return { state: { status: 'active', current: state.current }, accepted: true };
    case 'revoke':
      if (state.status === 'none') return reject(state, 'no set to revoke');
      if (state.status === 'active') {
        if (state.current.id !== event.id) return reject(state, `no set ${event.id}`);
        return {
          state: { status: 'none' },
          accepted: true,
          note: 'no inbound credentials left: inbound relay stops',
        };
      }
      if (state.previous.id === event.id)
        return { state: { status: 'active', current: state.current }, accepted: true };
      if (state.current.id === event.id) {
        return {
          state: { status: 'active', current: state.previous },
          accepted: true,
          note: 'the new set was revoked; the previous set stays active',
        };
      }
      return reject(state, `no set ${event.id}`);
    case 'tick':
      if (state.status === 'rotating' && now > state.retireBy) {
        return { state: { ...state, status: 'overdue' }, accepted: true, note: 'rotation deadline passed' };
      }
      return { state, accepted: true };
    default:
      return reject(state, 'unknown event');
  }
}
