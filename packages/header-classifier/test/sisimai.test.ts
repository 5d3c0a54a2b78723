import { type Category, classifyMessage } from '@mailroom/header-classifier';
import { corpusAvailable, describeCorpus, readCorpusBytes, readCorpusJsonl } from '@mailroom/test-support';
import { expect, it } from 'vitest';

const LABELS = 'sisimai/labels.jsonl';

interface Label {
  readonly file: string;
  readonly label: 'bounce' | 'machine' | 'auto-reply' | 'not-bounce';
  readonly detail: string;
}

const accepted: Record<Exclude<Label['label'], 'not-bounce'>, readonly Category[]> = {
  bounce: ['bounce', 'delivery-delay'],
  'auto-reply': ['auto-reply', 'out-of-office'],
  machine: ['feedback-report', 'delivery-report'],
};

describeCorpus(LABELS, 'sisimai corpus (real bounces, auto-replies, ARF and DSN success reports)', () => {
  const labels = corpusAvailable(LABELS) ? readCorpusJsonl<Label>(LABELS) : [];
  const stats = new Map<string, { n: number; hit: number; misses: string[] }>();
  for (const label of labels) {
    const result = classifyMessage(readCorpusBytes('sisimai', label.file));
    const hit =
      label.label === 'not-bounce'
        ? !result.categories.includes('bounce')
        : result.categories.some((c) => accepted[label.label].includes(c));
    const s = stats.get(label.label) ?? { n: 0, hit: 0, misses: [] };
    s.n++;
    if (hit) s.hit++;
    else s.misses.push(`${label.file} (${label.detail}) → [${result.categories.join(', ')}]`);
    stats.set(label.label, s);
  }
  const report = [...stats].map(
    ([label, s]) =>
      `${label}: ${s.hit}/${s.n} = ${((100 * s.hit) / s.n).toFixed(2)}%${s.misses.map((m) => `\n  miss ${m}`).join('')}`,
  );
  console.log(`sisimai per-label recall\n${report.join('\n')}`);

  it('reads all 563 labelled messages', () => {
    expect(labels.length).toBe(563);
  });

  it('LOOP-5: at least 99% of bounces are called bounce or delivery-delay', () => {
    const s = stats.get('bounce')!;
    expect(s.hit / s.n).toBeGreaterThanOrEqual(0.99);
  });

  it('LOOP-5: every auto-reply is called auto-reply or out-of-office', () => {
    expect(stats.get('auto-reply')!.misses).toEqual([]);
  });

  it('every ARF feedback report and successful DSN is called feedback-report or delivery-report', () => {
    expect(stats.get('machine')!.misses).toEqual([]);
  });

  it('the two messages sisimai decodes no bounce from are not called bounces', () => {
    expect(stats.get('not-bounce')!.misses).toEqual([]);
  });

  it('LOOP-5: every message recognised as a bounce, report or auto-reply is automated and suppresses replies', () => {
    const wrong = labels
      .filter((l) => l.label !== 'not-bounce')
      .map((l) => ({ l, r: classifyMessage(readCorpusBytes('sisimai', l.file)) }))
      .filter(({ l, r }) => r.categories.some((c) => accepted[l.label as keyof typeof accepted].includes(c)))
      .filter(({ r }) => !r.automated || !r.suppressAutoReply);
    expect(wrong.map(({ l }) => l.file)).toEqual([]);
  });
});
