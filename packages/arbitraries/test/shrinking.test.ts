import { address, headerBlock, hostileHeaderBlock, mailbox } from '@mailroom/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The fast-check contract, part 3: shrinking needs no outside state. A failing property shrinks to a small
// counterexample, the same one on every run with that seed, and replaying the reported seed and path gives it
// back without shrinking again.
function failure<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => boolean, seed: number) {
  const details = fc.check(fc.property(arb, predicate), { seed, numRuns: 500 });
  if (!details.failed || details.counterexample === null)
    throw new Error('the property was expected to fail');
  return { value: details.counterexample[0], path: details.counterexamplePath!, seed: details.seed };
}

function replay<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => boolean, seed: number, path: string): T {
  const details = fc.check(fc.property(arb, predicate), { seed, path, endOnFailure: true });
  if (!details.failed || details.counterexample === null) throw new Error('the replay was expected to fail');
  return details.counterexample[0];
}

describe('shrinking', () => {
  it('address: "local parts are shorter than 6" shrinks to a 6-character local part, reproducibly', () => {
    const predicate = (a: { localPart: string }) => a.localPart.length < 6;
    const arb = address({ kinds: ['plain'] });
    const first = failure(arb, predicate, 7);
    expect(first.value.localPart).toHaveLength(6);
    expect(failure(arb, predicate, 7).value).toEqual(first.value);
    expect(replay(arb, predicate, first.seed, first.path)).toEqual(first.value);
  });

  it('mailbox: "names have no space" shrinks to a short name with one space', () => {
    const predicate = (m: { name: string }) => !m.name.includes(' ');
    const first = failure(mailbox(), predicate, 11);
    expect(first.value.name.length).toBeLessThanOrEqual(4);
    expect(first.value.name).toContain(' ');
    expect(replay(mailbox(), predicate, first.seed, first.path)).toEqual(first.value);
  });

  it('headerBlock: "fewer than 3 fields" shrinks to exactly 3 small fields', () => {
    const predicate = (b: { fields: readonly unknown[] }) => b.fields.length < 3;
    const first = failure(headerBlock(), predicate, 5);
    expect(first.value.fields).toHaveLength(3);
    expect(first.value.raw.length).toBeLessThan(200);
    expect(failure(headerBlock(), predicate, 5).value).toEqual(first.value);
    expect(replay(headerBlock(), predicate, first.seed, first.path)).toEqual(first.value);
  });

  it('hostileHeaderBlock: "no bare CR" shrinks to a few short lines around the bare-cr piece', () => {
    const arb = hostileHeaderBlock({ manyFields: 100, maxLineLength: 2000 });
    const predicate = (h: { kinds: readonly string[] }) => !h.kinds.includes('bare-cr');
    const first = failure(arb, predicate, 3);
    // fast-check's array shrinker does not always drop every other element: minimal-ish, not minimal.
    expect(first.value.kinds).toContain('bare-cr');
    expect(first.value.kinds.length).toBeLessThanOrEqual(2);
    // The bare-cr piece itself is shrunk to its smallest form (its random suffix empty); another piece, if any,
    // is at the smallest size its own arbitrary allows.
    expect(new TextDecoder('latin1').decode(first.value.raw)).toMatch(
      /^Subject: a\rb\r(\r\n|\n|\r)\rX-After: (\r\n|\n|\r)/,
    );
    expect(failure(arb, predicate, 3).value).toEqual(first.value);
    expect(replay(arb, predicate, first.seed, first.path)).toEqual(first.value);
  });

  it('hostileHeaderBlock: a counterexample prints as a short summary, not megabytes of bytes', () => {
    const arb = hostileHeaderBlock({ maxPieces: 1 });
    const [value] = fc.sample(arb, { seed: 9, numRuns: 1 });
    const printed = fc.stringify(value);
    expect(printed).toMatch(/^\{ kinds: \["[a-z-]+"\], raw: \d+ bytes starting ".*" \}$/s);
    expect(printed.length).toBeLessThan(400);
  });
});
