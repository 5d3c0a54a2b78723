import {
  type CredentialRotationState,
  initialVerification,
  transitionCredentials,
  transitionVerification,
  verificationStatus,
} from '@mailroom/connector-config';
import { describe, expect, it } from 'vitest';

const hour = 3_600_000;
const day = 24 * hour;

describe('transitionVerification', () => {
  it('SMTP-11: bidirectional needs inbound and outbound verification: failed → pending → verified', () => {
    let s = initialVerification('bidirectional', 0);
    expect(Object.keys(s.checks).sort()).toEqual(['inbound', 'outbound']);
    expect(verificationStatus(s)).toBe('failed');
    s = transitionVerification(s, { type: 'request', check: 'inbound' }, 1000).state;
    s = transitionVerification(s, { type: 'request', check: 'outbound' }, 1000).state;
    expect(verificationStatus(s)).toBe('pending');
    s = transitionVerification(s, { type: 'confirm', check: 'inbound' }, 2000).state;
    expect(verificationStatus(s)).toBe('pending');
    s = transitionVerification(s, { type: 'confirm', check: 'outbound' }, 3000).state;
    expect(verificationStatus(s)).toBe('verified');
  });

  it('SMTP-11: outbound-only needs the outbound mail and the forwarding check, never an inbound one', () => {
    let s = initialVerification('outbound-only', 0);
    expect(Object.keys(s.checks).sort()).toEqual(['forwarding', 'outbound']);
    const inbound = transitionVerification(s, { type: 'request', check: 'inbound' }, 10);
    expect(inbound.accepted).toBe(false);
    expect(inbound.state).toBe(s);
    for (const check of ['outbound', 'forwarding'] as const) {
      s = transitionVerification(s, { type: 'request', check }, 10).state;
      s = transitionVerification(s, { type: 'confirm', check }, 20).state;
    }
    expect(verificationStatus(s)).toBe('verified');
  });

  it('SMTP-11: a confirmation without a pending request is rejected; a bounce or a timeout fails the check', () => {
    const s0 = initialVerification('outbound-only', 0);
    const early = transitionVerification(s0, { type: 'confirm', check: 'outbound' }, 5);
    expect(early).toMatchObject({ accepted: false, state: s0 });
    const pending = transitionVerification(s0, { type: 'request', check: 'outbound' }, 0).state;
    const bounced = transitionVerification(
      pending,
      { type: 'fail', check: 'outbound', reason: '550 5.1.1 user unknown' },
      10,
    );
    expect(bounced.state.checks.outbound).toEqual({
      status: 'failed',
      since: 10,
      reason: '550 5.1.1 user unknown',
    });
    expect(transitionVerification(pending, { type: 'tick' }, hour - 1).state.checks.outbound?.status).toBe(
      'pending',
    );
    const late = transitionVerification(pending, { type: 'tick' }, hour);
    expect(late.state.checks.outbound?.status).toBe('failed');
    expect(late.note).toContain('outbound');
  });

  it('SMTP-11: changing settings sends every check back to failed', () => {
    let s = initialVerification('bidirectional', 0);
    for (const check of ['inbound', 'outbound'] as const) {
      s = transitionVerification(s, { type: 'request', check }, 1).state;
      s = transitionVerification(s, { type: 'confirm', check }, 2).state;
    }
    expect(verificationStatus(s)).toBe('verified');
    s = transitionVerification(s, { type: 'settings-changed' }, 3).state;
    expect(verificationStatus(s)).toBe('failed');
  });
});

describe('transitionCredentials', () => {
  const active: CredentialRotationState = { status: 'active', current: { id: 'set-1', issuedAt: 0 } };

  it('SMTP-7: add a second set, then retire the old one', () => {
    const rotating = transitionCredentials(active, { type: 'add-second', id: 'set-2' }, day);
    expect(rotating.state).toMatchObject({
      status: 'rotating',
      current: { id: 'set-2' },
      previous: { id: 'set-1' },
      retireBy: 15 * day,
    });
    const done = transitionCredentials(rotating.state, { type: 'retire-previous' }, 2 * day);
    expect(done.state).toEqual({ status: 'active', current: { id: 'set-2', issuedAt: day } });
  });

  it('SMTP-7: a third set is refused', () => {
    const rotating = transitionCredentials(active, { type: 'add-second', id: 'set-2' }, day).state;
    const third = transitionCredentials(rotating, { type: 'add-second', id: 'set-3' }, day + 1);
    expect(third.accepted).toBe(false);
    expect(third.state).toBe(rotating);
    expect(third.note).toContain('third');
  });

  it('SMTP-7: any set can be revoked immediately', () => {
    const rotating = transitionCredentials(active, { type: 'add-second', id: 'set-2' }, day).state;
    expect(transitionCredentials(rotating, { type: 'revoke', id: 'set-1' }, day + 1).state).toMatchObject({
      status: 'active',
      current: { id: 'set-2' },
    });
    expect(transitionCredentials(rotating, { type: 'revoke', id: 'set-2' }, day + 1).state).toMatchObject({
      status: 'active',
      current: { id: 'set-1' },
    });
    expect(transitionCredentials(active, { type: 'revoke', id: 'set-1' }, 5).state).toEqual({
      status: 'none',
    });
    expect(transitionCredentials(active, { type: 'revoke', id: 'set-9' }, 5).accepted).toBe(false);
  });

  it('SMTP-7: two sets kept past the deadline become overdue, and retiring still works', () => {
    const rotating = transitionCredentials(
      active,
      { type: 'add-second', id: 'set-2', retireBy: 3 * day },
      day,
    ).state;
    expect(transitionCredentials(rotating, { type: 'tick' }, 3 * day).state.status).toBe('rotating');
    const overdue = transitionCredentials(rotating, { type: 'tick' }, 3 * day + 1).state;
    expect(overdue.status).toBe('overdue');
    expect(transitionCredentials(overdue, { type: 'retire-previous' }, 4 * day).state.status).toBe('active');
    expect(
      transitionCredentials(active, { type: 'add-second', id: 'set-2', retireBy: 0 }, day).accepted,
    ).toBe(false);
  });
});
