import { readFileSync } from 'node:fs';
import {
  type AuthMode,
  type AuthPolicyOptions,
  type AuthRoute,
  createMemoryResolver,
  DISPOSITION_TABLE,
  type DnsAnswer,
  type DnsResolver,
  type DnsZone,
  decideDisposition,
  evaluateAuthentication,
  type RRType,
  type SmtpEnvelope,
  type UnauthenticatedClass,
} from '@mailroom/mail-auth';
import { describe, expect, it } from 'vitest';
import { customerMessage, NOW } from './support/signing.js';

const MODES: AuthMode[] = ['off', 'minimal', 'native', 'native-and-forwarded'];
const ROUTES: AuthRoute[] = ['native', 'forwarded', 'connector'];
const CLASSES: UnauthenticatedClass[] = [
  'protected-domain',
  'author-ambiguous',
  'unverifiable',
  'dmarc-reject',
  'dmarc-quarantine',
  'dmarc-fail-policy-none',
  'no-dmarc-policy',
];

/** The table as documented in the package README. */
function readmeTable(): Map<string, string> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block =
    readme.split('<!-- disposition-table:start -->')[1]?.split('<!-- disposition-table:end -->')[0] ?? '';
  const rows = block
    .trim()
    .split('\n')
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  const [header, , ...body] = rows;
  const cells = new Map<string, string>();
  for (const row of body) {
    header?.slice(2).forEach((cls, i) => {
      cells.set(`${row[0]} ${row[1]} ${cls}`, row[i + 2] ?? '');
    });
  }
  return cells;
}

describe('the disposition table: README = DISPOSITION_TABLE = decideDisposition, cell by cell', () => {
  const documented = readmeTable();
  it('the README documents all 84 cells', () => {
    expect(documented.size).toBe(MODES.length * ROUTES.length * CLASSES.length);
  });
  for (const mode of MODES) {
    for (const route of ROUTES) {
      for (const cls of CLASSES) {
        const expected = documented.get(`${mode} ${route} ${cls}`);
        it(`AUTH-4: mode ${mode}, route ${route}, ${cls} → ${expected}`, () => {
          expect(DISPOSITION_TABLE[mode][route][cls]).toBe(expected);
          expect(decideDisposition(mode, route, cls)).toBe(expected);
        });
      }
      it(`AUTH-4: mode ${mode}, route ${route}: authenticated → accept, temporary → ${mode === 'off' ? 'accept' : 'defer'}`, () => {
        expect(decideDisposition(mode, route, 'authenticated')).toBe('accept');
        expect(decideDisposition(mode, route, 'temporary')).toBe(mode === 'off' ? 'accept' : 'defer');
      });
    }
  }
  it('AUTH-4: Enhanced (native) mode suspends every unauthenticated message sent straight to the system address and rejects under p=reject', () => {
    const row = DISPOSITION_TABLE.native.native;
    expect(Object.values(row).every((d) => d !== 'accept')).toBe(true);
    expect(row['dmarc-reject']).toBe('reject');
  });
});

// ------------------------------- end to end: each state, each mode × route -------------------------------

const spoofer: SmtpEnvelope = {
  clientIp: '203.0.113.66',
  helo: 'vps.hosting.test',
  mailFrom: 'bounce@hosting.test',
  rcptTo: ['support@helpdesk.example'],
};
const zone: DnsZone = {
  'hosting.test': { TXT: ['v=spf1 -all'] },
  '_dmarc.reject.test': { TXT: ['v=DMARC1; p=reject'] },
  '_dmarc.quarantine.test': { TXT: ['v=DMARC1; p=quarantine'] },
  '_dmarc.none.test': { TXT: ['v=DMARC1; p=none'] },
  'spfok.test': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
  '_dmarc.spfok.test': { TXT: ['v=DMARC1; p=reject'] },
  '_dmarc.slow.test': { fail: 'servfail' },
  '_dmarc.helpdesk.example': { TXT: ['v=DMARC1; p=none'] },
};
/** _dmarc.broken.test fails permanently. */
function resolver(): DnsResolver {
  const base = createMemoryResolver(zone);
  return {
    resolve<T extends RRType>(name: string, type: T, o: { signal: AbortSignal }): Promise<DnsAnswer<T>> {
      if (name === '_dmarc.broken.test')
        return Promise.resolve({ kind: 'error', transient: false, reason: 'other' });
      return base.resolve(name, type, o);
    },
  };
}

const SCENARIOS: { state: string; message: string; envelope: SmtpEnvelope }[] = [
  {
    state: 'authenticated',
    message: customerMessage('Alice <alice@spfok.test>'),
    envelope: { clientIp: '192.0.2.10', helo: 'mail.spfok.test', mailFrom: 'bounces@spfok.test', rcptTo: [] },
  },
  { state: 'temporary', message: customerMessage('Sam <sam@slow.test>'), envelope: spoofer },
  {
    state: 'protected-domain',
    message: customerMessage('Agent <agent@helpdesk.example>'),
    envelope: spoofer,
  },
  {
    state: 'author-ambiguous',
    message: customerMessage('A <a@reject.test>', 'From: B <b@none.test>\r\n'),
    envelope: spoofer,
  },
  { state: 'unverifiable', message: customerMessage('Bo <bo@broken.test>'), envelope: spoofer },
  { state: 'dmarc-reject', message: customerMessage('Rita <rita@reject.test>'), envelope: spoofer },
  { state: 'dmarc-quarantine', message: customerMessage('Quinn <quinn@quarantine.test>'), envelope: spoofer },
  { state: 'dmarc-fail-policy-none', message: customerMessage('Nina <nina@none.test>'), envelope: spoofer },
  { state: 'no-dmarc-policy', message: customerMessage('Ned <ned@nodmarc.test>'), envelope: spoofer },
];

describe('the disposition table end to end through evaluateAuthentication', () => {
  for (const mode of MODES) {
    for (const route of ROUTES) {
      for (const s of SCENARIOS) {
        const expected = decideDisposition(mode, route, s.state as UnauthenticatedClass);
        it(`AUTH-4: ${mode} × ${route} × ${s.state} → ${expected}`, async () => {
          const policy: AuthPolicyOptions = {
            authservId: 'mx.helpdesk.example',
            mode,
            protectedDomains: ['helpdesk.example'],
          };
          const v = await evaluateAuthentication(
            { message: s.message, envelope: s.envelope, route, now: NOW },
            policy,
            resolver(),
          );
          expect(v.state).toBe(s.state);
          expect(v.disposition).toBe(expected);
          expect(v.temporary).toBe(expected === 'defer');
        });
      }
    }
  }
});
