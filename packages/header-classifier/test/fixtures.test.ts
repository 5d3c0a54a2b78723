import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classifyMessage, HELPDESK_FINGERPRINTS, summarizeKind } from '@mailroom/header-classifier';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const read = (path: string): Uint8Array => readFileSync(dir + path);

interface Expected {
  readonly categories: readonly string[];
  readonly automated: boolean;
  readonly product?: string;
  readonly accountId?: string;
  readonly suppressAutoReply?: boolean;
}
const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8')) as Record<string, Expected>;
const humans = readdirSync(`${dir}human`).filter((f) => f.endsWith('.eml'));

describe('human mail stays human', () => {
  it('has at least 80 human fixtures from many clients and languages', () => {
    expect(humans.length).toBeGreaterThanOrEqual(80);
    const clients = new Set(humans.map((f) => f.replace(/^\d+-|-[a-z]{2}\.eml$/g, '')));
    const languages = new Set(humans.map((f) => f.slice(-6, -4)));
    expect(clients.size).toBeGreaterThanOrEqual(12);
    expect(languages.size).toBeGreaterThanOrEqual(15);
  });

  it('LOOP-5: zero human fixtures are called automated, and none gets a category', () => {
    const wrong = humans
      .map((f) => ({ f, r: classifyMessage(read(`human/${f}`)) }))
      .filter(({ r }) => r.automated || r.categories.length > 0)
      .map(({ f, r }) => `${f} → [${r.categories.join(', ')}] automated=${r.automated}`);
    expect(wrong).toEqual([]);
  });

  it('human replies quoting out-of-office words keep the weak evidence visible but uncounted', () => {
    const r = classifyMessage(read('human/006-gmail-android-en.eml'));
    expect(r.evidence.some((e) => e.signal === 'ooo-subject' && e.strength === 'weak')).toBe(true);
    expect(r.automated).toBe(false);
    expect(summarizeKind(r)).toBe('human');
  });
});

describe('labelled fixtures (lists, helpdesks, automated mail, edge cases)', () => {
  for (const [file, want] of Object.entries(expected)) {
    const title = want.product
      ? `LOOP-2: ${file} is ${want.product}${want.automated ? ', automated' : ', not automated (agent reply)'}`
      : `LOOP-5: ${file} → [${want.categories.join(', ')}], automated=${want.automated}`;
    it(title, () => {
      const r = classifyMessage(read(file));
      expect([...r.categories].sort()).toEqual([...want.categories].sort());
      expect(r.automated).toBe(want.automated);
      if (want.product !== undefined) expect(r.helpdesk?.product).toBe(want.product);
      else expect(r.helpdesk).toBeUndefined();
      if (want.accountId !== undefined) expect(r.helpdesk?.accountId).toBe(want.accountId);
      expect(r.suppressAutoReply).toBe(want.suppressAutoReply ?? true);
    });
  }

  it('LOOP-2: every vendor the README promises has at least one fixture', () => {
    const products = new Set(Object.values(expected).map((e) => e.product));
    const promised = [
      'zendesk',
      'freshdesk',
      'zammad',
      'znuny',
      'request-tracker',
      'jira-service-management',
      'servicenow',
      'freescout',
      'osticket',
      'help-scout',
      'front',
      'hubspot',
      'intercom',
    ];
    for (const p of promised) expect(products, p).toContain(p);
    for (const p of promised) expect(HELPDESK_FINGERPRINTS.map((f) => f.product)).toContain(p);
    // And the other way round: no fingerprint ships without a fixture.
    for (const f of HELPDESK_FINGERPRINTS) expect(products, f.product).toContain(f.product);
  });

  it('mailing-list posts are mailing-list only, never bulk', () => {
    for (const file of Object.keys(expected).filter((f) => f.startsWith('lists/'))) {
      expect(classifyMessage(read(file)).categories, file).toEqual(['mailing-list']);
    }
  });
});
