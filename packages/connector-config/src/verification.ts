import type { SmtpConnectorMode, VerificationStatus } from './schemas.js';

/** The checks a connector address goes through: the inbound and outbound verification mails, the forwarding check. */
export type VerificationCheck = 'inbound' | 'outbound' | 'forwarding';

/** Every state one check can be in (SMTP-11). The machine never produces anything else. */
export const VERIFICATION_STATUSES: readonly VerificationStatus[] = Object.freeze([
  'failed',
  'pending',
  'verified',
]);

/** Which checks each mode needs (SMTP-11): both mails for bidirectional; outbound mail + forwarding otherwise. */
export const VERIFICATION_CHECKS_BY_MODE: Readonly<Record<SmtpConnectorMode, readonly VerificationCheck[]>> =
  Object.freeze({
    bidirectional: Object.freeze(['inbound', 'outbound'] as const),
    'outbound-only': Object.freeze(['outbound', 'forwarding'] as const),
  });

/** One check's state and when it entered it (epoch ms). */
export interface VerificationCheckState {
  readonly status: VerificationStatus;
  readonly since: number;
  /** Why the check failed, when it did. */
  readonly reason?: string | undefined;
}

/** Verification state of one connector address. `checks` holds exactly the checks its mode needs. */
export interface AddressVerificationState {
  readonly mode: SmtpConnectorMode;
  readonly checks: Readonly<Partial<Record<VerificationCheck, VerificationCheckState>>>;
}

/** What can happen to a connector address's verification. */
export type VerificationEvent =
  /** The admin clicks "verify": a verification mail (or forwarding check) is sent. */
  | { readonly type: 'request'; readonly check: VerificationCheck }
  /** The verification mail came back as expected (over the authenticated relay for inbound). */
  | { readonly type: 'confirm'; readonly check: VerificationCheck }
  /** The verification mail bounced or came back the wrong way. */
  | { readonly type: 'fail'; readonly check: VerificationCheck; readonly reason: string }
  /** Time passes: pending checks older than the timeout fail. */
  | { readonly type: 'tick' }
  /** Host, port, credentials or forwarding changed: everything has to be verified again. */
  | { readonly type: 'settings-changed' };

/** Result of one transition: the new state, and whether the event applied (a rejected event leaves the state). */
export interface VerificationTransition {
  readonly state: AddressVerificationState;
  readonly accepted: boolean;
  /** Why an event was rejected, or what a tick changed. */
  readonly note?: string | undefined;
}

/** How long a verification may stay pending before it counts as failed (greylisting delays count: SMTP-12). */
export const DEFAULT_VERIFICATION_TIMEOUT_MS: number = 60 * 60 * 1000;

/**
 * The state of a newly added connector address: every check its mode needs starts `failed`, as the admin UI shows
 * it until verification succeeds.
 *
 * @rule SMTP-11
 * @example
 * initialVerification('outbound-only', 0).checks; // { outbound: { status: 'failed', since: 0 }, forwarding: ... }
 */
export function initialVerification(mode: SmtpConnectorMode, now: number): AddressVerificationState {
  const checks: Partial<Record<VerificationCheck, VerificationCheckState>> = {};
  for (const check of VERIFICATION_CHECKS_BY_MODE[mode]) checks[check] = { status: 'failed', since: now };
  return { mode, checks };
}

/**
 * The address's overall status: `verified` when every needed check is, `pending` while any is pending and none
 * failed, `failed` otherwise. Only a verified address sends through the connector.
 *
 * @rule SMTP-11
 * @example
 * verificationStatus(initialVerification('bidirectional', 0)); // 'failed'
 */
export function verificationStatus(state: AddressVerificationState): VerificationStatus {
  const statuses = VERIFICATION_CHECKS_BY_MODE[state.mode].map((c) => state.checks[c]?.status ?? 'failed');
  if (statuses.includes('failed')) return 'failed';
  if (statuses.includes('pending')) return 'pending';
  return 'verified';
}

function withCheck(
  state: AddressVerificationState,
  check: VerificationCheck,
  next: VerificationCheckState,
): AddressVerificationState {
  return { mode: state.mode, checks: { ...state.checks, [check]: next } };
}

/**
 * Applies one event to an address's verification state (SMTP-11): `failed → pending` on request, `pending →
 * verified` on confirmation, `pending → failed` on failure or timeout, anything `→ failed` when settings change.
 * Pure: time comes in as `now`. Events that make no sense (confirming a check that is not pending, a check the mode
 * does not use) are rejected with a note, never thrown.
 *
 * @rule SMTP-11
 * @example
 * let s = initialVerification('outbound-only', 0);
 * s = transitionVerification(s, { type: 'request', check: 'outbound' }, 1000).state;
 * s = transitionVerification(s, { type: 'confirm', check: 'outbound' }, 5000).state;
 * s.checks.outbound?.status; // 'verified'
 */
export function transitionVerification(
  state: AddressVerificationState,
  event: VerificationEvent,
  now: number,
  timeoutMs: number = DEFAULT_VERIFICATION_TIMEOUT_MS,
): VerificationTransition {
  const needed = VERIFICATION_CHECKS_BY_MODE[state.mode];
  switch (event.type) {
    case 'tick': {
      let next = state;
      const expired: VerificationCheck[] = [];
      for (const check of needed) {
        const current = state.checks[check];
        if (current?.status === 'pending' && now - current.since >= timeoutMs) {
          next = withCheck(next, check, {
            status: 'failed',
            since: now,
            reason: 'no verification mail arrived in time',
          });
          expired.push(check);
        }
      }
      return expired.length === 0
        ? { state, accepted: true }
        : { state: next, accepted: true, note: `timed out: ${expired.join(', ')}` };
    }
    case 'settings-changed': {
      let next = state;
      for (const check of needed) {
        next = withCheck(next, check, {
          status: 'failed',
          since: now,
          reason: 'settings changed; verify again',
        });
      }
      return { state: next, accepted: true };
    }
    case 'request':
    case 'confirm':
    case 'fail': {
      if (!needed.includes(event.check)) {
        return {
          state,
          accepted: false,
          note: `${state.mode} addresses have no ${event.check} verification (they need ${needed.join(' and ')})`,
        };
      }
      const current = state.checks[event.check]?.status ?? 'failed';
      if (event.type === 'request') {
        return { state: withCheck(state, event.check, { status: 'pending', since: now }), accepted: true };
      }
      if (current !== 'pending') {
        return { state, accepted: false, note: `the ${event.check} check is ${current}, not pending` };
      }
      return event.type === 'confirm'
        ? { state: withCheck(state, event.check, { status: 'verified', since: now }), accepted: true }
        : {
            state: withCheck(state, event.check, { status: 'failed', since: now, reason: event.reason }),
            accepted: true,
          };
    }
    default:
      return { state, accepted: false, note: 'unknown event' };
  }
}
