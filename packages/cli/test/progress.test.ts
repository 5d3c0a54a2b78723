import { describe, expect, it } from 'vitest';
// The CLI package exports only its bin; its modules are tested through the built dist directly.
import { ProgressLine } from '../dist/progress.js';

function harness(enabled: boolean) {
  let now = 0;
  const written: string[] = [];
  const progress = new ProgressLine({ write: (t) => written.push(t), enabled, now: () => now });
  return {
    progress,
    written,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('ProgressLine', () => {
  it('stays silent during the first second', () => {
    const { progress, written, advance } = harness(true);
    for (let i = 1; i <= 50; i++) {
      advance(19);
      progress.update(i, 'examples/mail/01.eml');
    }
    progress.done();
    expect(written).toEqual([]);
  });

  it('draws on stderr after a second, at most every 100 ms, and erases itself at the end', () => {
    const { progress, written, advance } = harness(true);
    advance(1001);
    progress.update(12_345, 'archive.mbox#12345');
    advance(50);
    progress.update(12_346, 'archive.mbox#12346');
    advance(60);
    progress.update(12_400, 'archive.mbox#12400');
    expect(written).toEqual([
      '\r\u001b[K⠋ 12,345 messages · archive.mbox#12345',
      '\r\u001b[K⠙ 12,400 messages · archive.mbox#12400',
    ]);
    progress.done();
    expect(written.at(-1)).toBe('\r\u001b[K');
  });

  it('clearing before each row does not make it redraw more often than every 100 ms', () => {
    const { progress, written, advance } = harness(true);
    advance(1500);
    for (let i = 1; i <= 1000; i++) {
      progress.update(i, `big.mbox#${i}`);
      progress.clear(); // what triage does before writing a row
      advance(1); // 1,000 messages in one second
    }
    const draws = written.filter((t) => t.includes('messages'));
    expect(draws.length).toBeGreaterThanOrEqual(9);
    expect(draws.length).toBeLessThanOrEqual(11);
  });

  it('never draws when stderr is not a terminal', () => {
    const { progress, written, advance } = harness(false);
    advance(5000);
    progress.update(1, 'x.eml');
    progress.done();
    expect(written).toEqual([]);
  });

  it('keeps control characters of a file name off the terminal', () => {
    const { progress, written, advance } = harness(true);
    advance(2000);
    progress.update(1, 'evil\u001b]0;title\u0007.eml');
    expect(written[0]).toBe('\r\u001b[K⠋ 1 messages · evil?]0;title?.eml');
  });
});
