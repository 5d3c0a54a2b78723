import { createSendQuota, gmailQuota, googleWorkspaceQuota, type TieredState } from '@mailroom/rate-limiter';
import { describe, expect, it } from 'vitest';

const T0 = Date.UTC(2026, 10, 22, 0, 0, 0);
const DAY = 86_400_000;

describe.each(['exact', 'approximate'] as const)('send quota (%s)', (mode) => {
  it('GMAIL-5: Gmail sends 500 a day, warns from the 450th, then falls back to our own servers', () => {
    const quota = createSendQuota({ ...gmailQuota, mode });
    let state: TieredState | undefined;
    const outcomes: string[] = [];
    for (let i = 0; i < 520; i++) {
      const decision = quota.hit(state, T0 + i * 60_000);
      state = decision.state;
      outcomes.push(decision.outcome);
      if (i === 448) expect(decision).toMatchObject({ outcome: 'send', remaining: 51 });
      if (i === 449) expect(decision).toMatchObject({ outcome: 'send-and-warn', remaining: 50 });
      if (i === 499) expect(decision).toMatchObject({ outcome: 'send-and-warn', remaining: 0 });
      if (i === 500) expect(decision).toMatchObject({ outcome: 'fallback', remaining: 0 });
    }
    expect(outcomes.filter((o) => o !== 'fallback').length).toBe(500);
  });

  it('GMAIL-5: a fallback send does not use the quota, and sending resumes when the day rolls on', () => {
    const quota = createSendQuota({ ...gmailQuota, mode });
    let state: TieredState | undefined;
    for (let i = 0; i < 600; i++) state = quota.hit(state, T0 + i * 1000).state;
    const blocked = quota.hit(state, T0 + 600_000);
    expect(blocked.outcome).toBe('fallback');
    const later = quota.hit(state, T0 + 600_000 + blocked.retryAfterMs);
    expect(later.outcome).not.toBe('fallback');
    expect(quota.hit(state, T0 + 2 * DAY).outcome).toBe('send');
  });

  it('GMAIL-5: Google Workspace sends 2,000 a day and warns from the 1,800th', () => {
    const quota = createSendQuota({ ...googleWorkspaceQuota, mode });
    let state: TieredState | undefined;
    const counts = { send: 0, 'send-and-warn': 0, fallback: 0 };
    for (let i = 0; i < 2100; i++) {
      const decision = quota.hit(state, T0 + i * 10_000);
      state = decision.state;
      counts[decision.outcome]++;
    }
    expect(counts).toEqual({ send: 1799, 'send-and-warn': 201, fallback: 100 });
  });
});

it('GMAIL-5: the presets are the documented Google limits', () => {
  expect(gmailQuota).toEqual({ limit: 500, windowMs: DAY, warnAt: 450 });
  expect(googleWorkspaceQuota).toEqual({ limit: 2000, windowMs: DAY, warnAt: 1800 });
  expect(() => createSendQuota({ limit: 10, windowMs: DAY, warnAt: 11 })).toThrow(/warnAt/);
  expect(() => createSendQuota({ ...gmailQuota, buckets: 24 })).toThrow(/approximate/);
});
