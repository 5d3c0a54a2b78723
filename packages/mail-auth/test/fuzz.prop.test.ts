import { fc, test } from '@fast-check/vitest';
import {
  type AuthMode,
  type AuthRoute,
  createMemoryResolver,
  type DnsAnswer,
  type DnsResolver,
  evaluateAuthentication,
  parseAuthenticationResults,
  type RRType,
} from '@mailroom/mail-auth';
import { describe, expect } from 'vitest';

const DISPOSITIONS = ['accept', 'suspend', 'reject', 'defer'];
const policy = (mode: AuthMode) => ({
  authservId: 'mx.helpdesk.example',
  mode,
  trustedArcSealers: ['forwarder.test'],
  trustedAuthservIds: ['mx.customer.example'],
  protectedDomains: ['helpdesk.example'],
  dns: { queryTimeoutMs: 20, maxQueries: 30, deadlineMs: 150 },
});

/** A resolver whose every answer is drawn from arbitrary JSON, a valid answer, a rejection or a throw. */
const chaoticResolver = (answers: unknown[]): DnsResolver => {
  let i = 0;
  return {
    resolve<T extends RRType>(): Promise<DnsAnswer<T>> {
      const a = answers[i++ % Math.max(answers.length, 1)];
      if (a === 'throw') throw new Error('resolver bug');
      if (a === 'reject') return Promise.reject(a);
      return Promise.resolve(a as DnsAnswer<T>);
    },
  };
};

const answer = fc.oneof(
  fc.constantFrom<unknown>(
    { kind: 'nxdomain' },
    { kind: 'nodata' },
    { kind: 'records', records: [] },
    { kind: 'records', records: [['v=spf1 -all']] },
    { kind: 'records', records: [['v=DMARC1; p=reject']] },
    { kind: 'records', records: ['192.0.2.1'] },
    { kind: 'error', transient: true, reason: 'timeout' },
    { kind: 'error', transient: false, reason: 'badname' },
    'throw',
    'reject',
  ),
  fc.anything(),
);

const envelope = fc.record({
  clientIp: fc.oneof(
    fc.constantFrom('192.0.2.1', '2001:db8::1', '::ffff:192.0.2.1'),
    fc.string({ maxLength: 40 }),
  ),
  helo: fc.string({ maxLength: 40 }),
  mailFrom: fc.option(fc.string({ maxLength: 60 }), { nil: null }),
  rcptTo: fc.array(fc.string({ maxLength: 30 }), { maxLength: 2 }),
});
const mode = fc.constantFrom<AuthMode>('off', 'minimal', 'native', 'native-and-forwarded');
const route = fc.constantFrom<AuthRoute>('native', 'forwarded', 'connector');

// Header fields an attacker controls, with the names the evaluator reads.
const headerName = fc.constantFrom(
  'From',
  'DKIM-Signature',
  'ARC-Seal',
  'ARC-Message-Signature',
  'ARC-Authentication-Results',
  'Authentication-Results',
  'Return-Path',
  'Content-Type',
);
const tagValue = fc.stringMatching(/^[ -~]{0,60}$/);
const headerValue = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc
    .array(
      fc.tuple(
        fc.constantFrom('v', 'a', 'd', 's', 'h', 'bh', 'b', 'l', 't', 'x', 'i', 'cv', 'c', 'q'),
        tagValue,
      ),
      { maxLength: 10 },
    )
    .map((tags) => tags.map(([k, v]) => `${k}=${v}`).join('; ')),
  fc.constantFrom(
    'a@example.com',
    'A <a@b.example>, c@d.example',
    'mx.customer.example; dmarc=pass header.from=example.com',
    'i=1; forwarder.test; dmarc=pass',
  ),
);
const mailLike = fc
  .tuple(fc.array(fc.tuple(headerName, headerValue), { maxLength: 12 }), fc.string({ maxLength: 300 }))
  .map(([fields, body]) => `${fields.map(([n, v]) => `${n}: ${v}`).join('\r\n')}\r\n\r\n${body}`);

describe('evaluateAuthentication on hostile input', () => {
  test.prop([fc.uint8Array({ maxLength: 2000 }), envelope, mode, route, fc.array(answer, { maxLength: 8 })], {
    numRuns: 150,
  })(
    'never throws on arbitrary bytes, envelopes and resolver answers, and always gives a disposition in bounded time',
    async (bytes, env, m, r, answers) => {
      const started = performance.now();
      const v = await evaluateAuthentication(
        { message: bytes, envelope: env, route: r, now: 1_772_442_000_000 },
        policy(m),
        chaoticResolver(answers),
      );
      expect(DISPOSITIONS).toContain(v.disposition);
      expect(v.temporary).toBe(v.disposition === 'defer');
      expect(performance.now() - started).toBeLessThan(2000);
    },
  );

  test.prop([mailLike, envelope, mode, route, fc.array(answer, { maxLength: 8 })], { numRuns: 150 })(
    'never throws on mail-like messages with arbitrary DKIM, ARC, From and Authentication-Results fields',
    async (message, env, m, r, answers) => {
      const v = await evaluateAuthentication(
        { message, envelope: env, route: r, now: 1_772_442_000_000 },
        policy(m),
        chaoticResolver(answers),
      );
      expect(DISPOSITIONS).toContain(v.disposition);
      expect(v.authenticationResults.startsWith('mx.helpdesk.example; ')).toBe(true);
      expect(v.authenticationResults).not.toMatch(/[\r\n]/);
    },
  );

  test.prop([mailLike, envelope, mode], { numRuns: 60 })(
    'is deterministic: the same message, zone and clock give the same verdict',
    async (message, env, m) => {
      const zone = {
        'example.com': { TXT: ['v=spf1 -all'] },
        '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
      };
      // Default DNS limits: the 150 ms deadline of the hostile-input runs is wall time, and a loaded machine
      // can pass it in one run and not in the other (a deadline is meant to change the answer).
      const { dns: _shortLimits, ...withDefaultLimits } = policy(m);
      const run = () =>
        evaluateAuthentication(
          { message, envelope: env, route: 'native', now: 1_772_442_000_000 },
          withDefaultLimits,
          createMemoryResolver(zone),
        );
      expect(JSON.stringify(await run())).toBe(JSON.stringify(await run()));
    },
  );
});

describe('parseAuthenticationResults on hostile input', () => {
  test.prop([fc.string({ maxLength: 3000 })], { numRuns: 300 })(
    'never throws and never returns more results than its bound',
    (value) => {
      const parsed = parseAuthenticationResults(value);
      expect(parsed.results.length).toBeLessThanOrEqual(64);
    },
  );
});
