import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CLASSIFIER_PATTERNS,
  ESP_MARKERS,
  HEADER_SIGNATURES,
  HELPDESK_FINGERPRINTS,
  type HeaderMatcher,
} from '@mailroom/header-classifier';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';

/** Every RegExp the package exports or runs: the tables' patterns and the classifier's own. */
function allPatterns(): Map<string, RegExp> {
  const out = new Map<string, RegExp>();
  const add = (where: string, re: RegExp | undefined): void => {
    if (re !== undefined) out.set(`${where}: /${re.source}/${re.flags}`, re);
  };
  for (const [name, re] of Object.entries(CLASSIFIER_PATTERNS)) add(`CLASSIFIER_PATTERNS.${name}`, re);
  for (const s of HEADER_SIGNATURES) add(`HEADER_SIGNATURES ${s.signal}`, s.pattern);
  for (const m of ESP_MARKERS) add(`ESP_MARKERS ${m.name}`, m.pattern);
  for (const fp of HELPDESK_FINGERPRINTS) {
    const matchers: HeaderMatcher[] = [...fp.markers, ...(fp.stamps ?? []), ...(fp.automaticMarkers ?? [])];
    for (const m of matchers) add(`HELPDESK_FINGERPRINTS ${fp.product} ${m.header}`, m.pattern);
    add(`HELPDESK_FINGERPRINTS ${fp.product} accountId`, fp.accountId?.pattern);
  }
  return out;
}

describe('regular expressions are linear (recheck ReDoS checker)', () => {
  const patterns = allPatterns();

  it('finds the patterns of every table', () => {
    expect(patterns.size).toBeGreaterThan(40);
  });

  it('recheck finds no pattern vulnerable to catastrophic backtracking', () => {
    const vulnerable: string[] = [];
    for (const [where, re] of patterns) {
      const result = checkSync(re.source, re.flags.replace('g', ''));
      if (result.status !== 'safe') vulnerable.push(`${where} → ${result.status}`);
    }
    expect(vulnerable).toEqual([]);
  }, 120_000);

  it('no regular expression literal in src escapes the exported tables', () => {
    // A literal in the source that is not one of the exported patterns would not be checked above.
    const src = fileURLToPath(new URL('../src/', import.meta.url));
    const known = new Set([...patterns.values()].map((re) => re.source));
    const literal = /(?<=[=(,:[!&|?]\s{0,4})\/((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+)\/[dgimsuy]*/g;
    const missing: string[] = [];
    for (const file of readdirSync(src).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(src + file, 'utf8')
        .split('\n')
        .filter((line) => !line.trim().startsWith('*') && !line.trim().startsWith('//'))
        .join('\n');
      for (const m of text.matchAll(literal)) {
        if (!known.has(m[1]!)) missing.push(`${file}: /${m[1]}/`);
      }
    }
    expect(missing).toEqual([]);
  });
});
