import { fc, test } from '@fast-check/vitest';
import {
  CREDENTIAL_ROTATION_STATUSES,
  type CredentialRotationEvent,
  type CredentialRotationState,
  initialVerification,
  transitionCredentials,
  transitionVerification,
  VERIFICATION_CHECKS_BY_MODE,
  VERIFICATION_STATUSES,
  type VerificationEvent,
  verificationStatus,
} from '@mailroom/connector-config';
import { describe, expect } from 'vitest';

const check = fc.constantFrom('inbound', 'outbound', 'forwarding');
const verificationEvent: fc.Arbitrary<VerificationEvent> = fc.oneof(
  fc.record({ type: fc.constant('request'), check }),
  fc.record({ type: fc.constant('confirm'), check }),
  fc.record({
    type: fc.constant('fail'),
    check,
    reason: fc.constantFrom('550 5.1.1 user unknown', 'timeout'),
  }),
  fc.constant({ type: 'tick' } as const),
  fc.constant({ type: 'settings-changed' } as const),
);
const steps = <T>(event: fc.Arbitrary<T>) =>
  fc.array(fc.tuple(event, fc.integer({ min: 0, max: 3 * 3_600_000 })), { maxLength: 40 });

const setId = fc.constantFrom('set-1', 'set-2', 'set-3');
const rotationEvent: fc.Arbitrary<CredentialRotationEvent> = fc.oneof(
  fc.record({ type: fc.constant('issue'), id: setId }),
  fc.record({ type: fc.constant('add-second'), id: setId }),
  fc.record({
    type: fc.constant('add-second'),
    id: setId,
    retireBy: fc.integer({ min: 0, max: 40 * 86_400_000 }),
  }),
  fc.constant({ type: 'retire-previous' } as const),
  fc.record({ type: fc.constant('revoke'), id: setId }),
  fc.constant({ type: 'tick' } as const),
);

describe('state machines', () => {
  test.prop([fc.constantFrom('bidirectional', 'outbound-only'), steps(verificationEvent)], { numRuns: 300 })(
    'SMTP-11: verification never reaches an undocumented state and keeps exactly the checks its mode needs',
    (mode, events) => {
      let now = 0;
      let state = initialVerification(mode, now);
      const needed = [...VERIFICATION_CHECKS_BY_MODE[mode]].sort();
      for (const [event, dt] of events) {
        now += dt;
        const t = transitionVerification(state, event, now);
        if (!t.accepted) expect(t.state).toBe(state);
        const before = state;
        state = t.state;
        expect(Object.keys(state.checks).sort()).toEqual(needed);
        for (const c of Object.values(state.checks)) expect(VERIFICATION_STATUSES).toContain(c!.status);
        expect(VERIFICATION_STATUSES).toContain(verificationStatus(state));
        // A check becomes verified only by the confirmation of that very check, and only from pending.
        for (const c of VERIFICATION_CHECKS_BY_MODE[mode]) {
          if (state.checks[c]?.status === 'verified' && before.checks[c]?.status !== 'verified') {
            expect(event).toMatchObject({ type: 'confirm', check: c });
            expect(before.checks[c]?.status).toBe('pending');
          }
        }
      }
    },
  );

  test.prop([steps(rotationEvent)], { numRuns: 300 })(
    'SMTP-7: rotation never reaches an undocumented state, never holds more than two sets, never two equal ids',
    (events) => {
      let now = 0;
      let state: CredentialRotationState = { status: 'none' };
      for (const [event, dt] of events) {
        now += dt * 200;
        const t = transitionCredentials(state, event, now);
        if (!t.accepted) expect(t.state).toBe(state);
        state = t.state;
        expect(CREDENTIAL_ROTATION_STATUSES).toContain(state.status);
        if (state.status === 'rotating' || state.status === 'overdue') {
          expect(state.previous.id).not.toBe(state.current.id);
          expect(state.retireBy).toBeGreaterThan(state.previous.issuedAt);
        }
        if (state.status === 'overdue') expect(now).toBeGreaterThan(state.retireBy);
      }
    },
  );
});
