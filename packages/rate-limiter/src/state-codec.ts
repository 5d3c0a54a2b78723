// Compact ASCII encodings of limiter states (base 36, '.'-separated), and strict decoders that refuse anything
// the limiter could not have written: a state string read back from Redis or a database is untrusted input.
import type { StateProblem } from './limiter.js';

type Refusal = { readonly ok: false; readonly problem: StateProblem };
const refuse = (problem: StateProblem): Refusal => ({ ok: false, problem });

const INTEGER = /^-?[0-9a-z]{1,11}$/;
const GAP = /^([0-9a-z]{1,11})(?:\*([0-9a-z]{1,4}))?$/;
const COUNT = /^[0-9a-z]{0,11}$/;

function parseInteger(text: string): number | null {
  if (!INTEGER.test(text)) return null;
  const value = Number.parseInt(text, 36);
  return Number.isSafeInteger(value) ? value : null;
}

/** Encodes ascending `times` (one entry per unit of cost) as gaps walking back from `latest`; a run of equal
 * gaps is written once with its length (`gap*run`). */
export function encodeExactState(tag: string, latest: number, times: readonly number[]): string {
  let out = `${tag}.${latest.toString(36)}`;
  let previous = latest;
  let i = times.length - 1;
  while (i >= 0) {
    const gap = previous - times[i]!;
    let run = 1;
    while (i - run >= 0 && times[i - run + 1]! - times[i - run]! === gap) run++;
    out += run === 1 ? `.${gap.toString(36)}` : `.${gap.toString(36)}*${run.toString(36)}`;
    previous = times[i - run + 1]!;
    i -= run;
  }
  return out;
}

export type DecodedExact =
  | { readonly ok: true; readonly latestMs: number; readonly times: readonly number[] }
  | Refusal;

export function decodeExactState(tag: string, text: string, capacity: number): DecodedExact {
  if (typeof text !== 'string') return refuse('malformed');
  if (text.length > 16 + capacity * 13) return refuse('too-long');
  const fields = text.split('.');
  if (fields[0] !== tag) return refuse('wrong-kind');
  if (fields.length < 2) return refuse('malformed');
  const latest = parseInteger(fields[1]!);
  if (latest === null) return refuse('malformed');
  const newestFirst: number[] = [];
  let previous = latest;
  for (let f = 2; f < fields.length; f++) {
    const m = GAP.exec(fields[f]!);
    if (m === null) return refuse('malformed');
    const gap = Number.parseInt(m[1]!, 36);
    const run = m[2] === undefined ? 1 : Number.parseInt(m[2], 36);
    if (!Number.isSafeInteger(gap) || run < 1) return refuse('malformed');
    if (newestFirst.length + run > capacity) return refuse('out-of-bounds');
    for (let r = 0; r < run; r++) {
      previous -= gap;
      newestFirst.push(previous);
    }
    if (!Number.isSafeInteger(previous)) return refuse('out-of-bounds');
  }
  return { ok: true, latestMs: latest, times: newestFirst.reverse() };
}

/** Encodes a bucket index and per-bucket counts; a zero count is written as nothing. */
export function encodeBucketState(tag: string, bucket: number, counts: readonly number[]): string {
  let out = `${tag}.${bucket.toString(36)}`;
  for (const c of counts) out += c === 0 ? '.' : `.${c.toString(36)}`;
  return out;
}

export type DecodedBuckets =
  | { readonly ok: true; readonly bucket: number; readonly counts: readonly number[] }
  | Refusal;

export function decodeBucketState(
  tag: string,
  text: string,
  slots: number,
  capacity: number,
): DecodedBuckets {
  if (typeof text !== 'string') return refuse('malformed');
  if (text.length > 16 + slots * (1 + Math.max(1, capacity.toString(36).length))) return refuse('too-long');
  const fields = text.split('.');
  if (fields[0] !== tag) return refuse('wrong-kind');
  if (fields.length !== slots + 2) return refuse('malformed');
  const bucket = parseInteger(fields[1]!);
  if (bucket === null) return refuse('malformed');
  const counts = new Array<number>(slots);
  for (let i = 0; i < slots; i++) {
    const field = fields[i + 2]!;
    if (!COUNT.test(field)) return refuse('malformed');
    const c = field === '' ? 0 : Number.parseInt(field, 36);
    if (!(c <= capacity)) return refuse('out-of-bounds');
    counts[i] = c;
  }
  return { ok: true, bucket, counts };
}
