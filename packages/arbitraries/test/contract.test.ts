import {
  address,
  addressList,
  headerBlock,
  headerField,
  hostileHeaderBlock,
  mailbox,
  message,
} from '@mailroom/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The fast-check contract, part 1: an arbitrary is a pure function of the random stream, so the same seed gives
// the same values, and different seeds give different values (a generator that ignored its seed would pass the
// first check alone).
const arbitraries: ReadonlyArray<readonly [string, () => fc.Arbitrary<unknown>, number]> = [
  ['address', () => address(), 200],
  ['mailbox', () => mailbox(), 200],
  ['addressList', () => addressList(), 100],
  ['headerField', () => headerField(), 200],
  ['headerBlock', () => headerBlock(), 50],
  ['message', () => message(), 50],
  ['hostileHeaderBlock', () => hostileHeaderBlock({ manyFields: 200, maxLineLength: 2000 }), 20],
];

describe('same seed, same values', () => {
  for (const [name, make, numRuns] of arbitraries) {
    it(`${name}: fc.sample with one seed twice gives equal values, another seed different ones`, () => {
      for (const seed of [1, 42, -7, 2_147_483_647]) {
        const first = fc.sample(make(), { seed, numRuns });
        const second = fc.sample(make(), { seed, numRuns });
        expect(second).toEqual(first);
        expect(fc.sample(make(), { seed: seed + 1, numRuns })).not.toEqual(first);
      }
    });
  }
});

describe('bad options are programmer errors that say how to fix the call', () => {
  it('rejects an empty or unknown address kind list', () => {
    expect(() => address({ kinds: [] })).toThrow(/kinds must be a non-empty subset/);
    // @ts-expect-error: not a kind
    expect(() => address({ kinds: ['smtputf8'] })).toThrow(/kinds must be a non-empty subset/);
  });
  it('rejects inverted list and block lengths', () => {
    expect(() => addressList({ minLength: 3, maxLength: 1 })).toThrow(/minLength <= maxLength/);
    expect(() => headerBlock({ minFields: -1 })).toThrow(/0 <= minFields/);
  });
  it('rejects unknown charsets and bad hostile sizes', () => {
    // @ts-expect-error: not a supported charset
    expect(() => headerField({ charsets: ['EBCDIC'] })).toThrow(/ENCODED_WORD_CHARSETS/);
    expect(() => hostileHeaderBlock({ maxLineLength: 10 })).toThrow(/at least 999/);
    expect(() => hostileHeaderBlock({ manyFields: 0 })).toThrow(/positive integer/);
    expect(() => message({ maxBodyLines: -1 })).toThrow(/non-negative/);
  });
});
