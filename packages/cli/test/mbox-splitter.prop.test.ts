import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
// The CLI package exports only its bin; its modules are tested through the built dist directly.
import { type MboxMessage, MboxSplitter } from '../dist/mbox-splitter.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

function split(input: Uint8Array, chunkSizes: readonly number[], max = 1 << 20): MboxMessage[] {
  const splitter = new MboxSplitter(max);
  const out: MboxMessage[] = [];
  let at = 0;
  let i = 0;
  while (at < input.length) {
    const size = chunkSizes.length === 0 ? input.length : Math.max(1, chunkSizes[i++ % chunkSizes.length]!);
    // A fresh buffer per chunk, reused afterwards, as a careless reader would do.
    const chunk = new Uint8Array(size);
    chunk.set(input.subarray(at, at + size));
    out.push(...splitter.push(chunk.subarray(0, Math.min(size, input.length - at))));
    chunk.fill(0x2a);
    at += size;
  }
  out.push(...splitter.end());
  return out;
}

/** What an mboxrd writer produces: a From_ line, the message with >*From lines quoted, an empty line. */
function mboxrd(messages: readonly string[], eol: string): string {
  return messages
    .map((m) => {
      // Lines are LF-terminated (CRLF ends in LF too); a JS /m regex would also break lines at a lone CR.
      const quoted = m
        .split('\n')
        .map((l) => (/^>*From /.test(l) ? `>${l}` : l))
        .join('\n');
      return `From sender@example.com Sat Nov 21 10:00:00 2026${eol}${quoted}${eol}`;
    })
    .join('');
}

// A message is lines each ending in the chosen line ending; lines are drawn from pieces that provoke the
// separator and quoting logic.
const line = fc
  .array(fc.constantFrom('From ', '>', '>>From ', 'Subject: x', ' ', 'a', 'é', '\r', 'From_', '\t'), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));
const message = (eol: string) =>
  fc.array(line, { maxLength: 8 }).map((lines) => lines.map((l) => l + eol).join(''));

describe('MboxSplitter', () => {
  const mbox = fc
    .constantFrom('\n', '\r\n')
    .chain((eol) => fc.tuple(fc.constant(eol), fc.array(message(eol), { minLength: 1, maxLength: 6 })));
  test.prop([mbox, fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 5 })], { numRuns: 200 })(
    'mboxrd round trip: splitting what a writer wrote gives back every message, whatever the chunking',
    ([eol, messages], chunks) => {
      const got = split(enc.encode(mboxrd(messages, eol)), chunks);
      expect(got.map((m) => dec.decode(m.bytes))).toEqual(messages);
      expect(got.map((m) => m.index)).toEqual(messages.map((_, i) => i + 1));
    },
  );

  test.prop(
    [fc.uint8Array({ maxLength: 3000 }), fc.array(fc.integer({ min: 1, max: 700 }), { maxLength: 4 })],
    {
      numRuns: 200,
    },
  )(
    'the messages found do not depend on how the bytes are chunked, and never exceed the bound',
    (bytes, chunks) => {
      const whole = split(bytes, [], 512);
      const chunked = split(bytes, chunks, 512);
      expect(chunked).toEqual(whole);
      for (const m of chunked) expect(m.bytes.length).toBeLessThanOrEqual(512);
    },
  );

  it('keeps content before the first From line as a message, and drops the blank line before a separator', () => {
    const got = split(
      enc.encode('Subject: stray\n\nFrom a Sat Nov 21 10:00:00 2026\nSubject: b\n\nx\n\n'),
      [7],
    );
    expect(got.map((m) => dec.decode(m.bytes))).toEqual(['Subject: stray\n', 'Subject: b\n\nx\n']);
  });

  it('does not split on an unquoted From line inside a paragraph unless it looks like a From_ line', () => {
    const text =
      'From a Sat Nov 21 10:00:00 2026\nSubject: one\n\nbody\nFrom here on, all good\n' +
      'From b Sat Nov 21 10:05:00 2026\nSubject: two\n\n';
    const got = split(enc.encode(text), []);
    expect(got.map((m) => dec.decode(m.bytes))).toEqual([
      'Subject: one\n\nbody\nFrom here on, all good\n',
      'Subject: two\n',
    ]);
  });

  it('cuts a message at the bound and says so, then finds the next one', () => {
    const long = 'x'.repeat(200_000);
    const text = `From a Sat Nov 21 10:00:00 2026\nSubject: big\n\n${long}\n\nFrom b Sat Nov 21 10:05:00 2026\nSubject: next\n`;
    const got = split(enc.encode(text), [4096], 1000);
    expect(got).toHaveLength(2);
    expect(got[0]!.truncated).toBe(true);
    expect(got[0]!.bytes.length).toBe(1000);
    expect(dec.decode(got[1]!.bytes)).toBe('Subject: next\n');
    expect(got[1]!.truncated).toBe(false);
  });

  it('passes a line longer than its carry buffer through in pieces', () => {
    const long = 'y'.repeat(300_000);
    const text = `From a Sat Nov 21 10:00:00 2026\nX-Long: ${long}\n\nFrom b Sat Nov 21 10:05:00 2026\nSubject: after\n`;
    const got = split(enc.encode(text), [10_000]);
    expect(got.map((m) => dec.decode(m.bytes))).toEqual([`X-Long: ${long}\n`, 'Subject: after\n']);
  });

  it('rejects a bound that is not a positive number', () => {
    expect(() => new MboxSplitter(0)).toThrow(/maxMessageBytes must be a positive number/);
  });
});
