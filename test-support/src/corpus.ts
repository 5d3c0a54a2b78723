import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

/**
 * `<repo root>/../shared/corpus`: real mail and conformance suites kept beside the repository, never in it.
 * CI always has it; a fresh clone usually does not, and the suites that need it then skip with a message.
 * Computed from this file (test-support/src/ → the repository root is ../..).
 */
export const CORPUS_ROOT: string = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/**
 * The absolute path of a file or folder in the corpus.
 *
 * @example
 * corpusPath('sisimai', 'labels.jsonl'); // '/…/shared/corpus/sisimai/labels.jsonl'
 */
export function corpusPath(...parts: string[]): string {
  return join(CORPUS_ROOT, ...parts);
}

/**
 * Whether a corpus file or folder is present. Quiet: {@link describeCorpus} says why a suite is skipped.
 *
 * @example
 * const cases = corpusAvailable('spf-rfc7208') ? readCorpusJsonl('spf-rfc7208', 'cases.jsonl') : [];
 */
export function corpusAvailable(...parts: string[]): boolean {
  return existsSync(corpusPath(...parts));
}

/**
 * Reads a corpus file as bytes.
 *
 * @example
 * classifyMessage(readCorpusBytes('sisimai', 'lhost-postfix-01.eml'));
 */
export function readCorpusBytes(...parts: string[]): Buffer {
  return readFileSync(corpusPath(...parts));
}

/**
 * Every `.eml` message of a corpus folder as `[file name, bytes]`, sorted by name; none when the folder is absent.
 *
 * @example
 * for (const [file, bytes] of readCorpusMessages('sisimai')) parseHeaders(bytes);
 */
export function readCorpusMessages(folder: string): [string, Uint8Array][] {
  if (!corpusAvailable(folder)) return [];
  return readdirSync(corpusPath(folder))
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => [f, new Uint8Array(readCorpusBytes(folder, f))]);
}

/**
 * Reads a JSON Lines corpus file (one JSON value a line; blank lines ignored).
 *
 * @example
 * const labels = readCorpusJsonl<{ file: string; label: string }>('sisimai', 'labels.jsonl');
 */
export function readCorpusJsonl<T>(...parts: string[]): T[] {
  return readFileSync(corpusPath(...parts), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/**
 * A `describe` block that needs the corpus entry `name` (a path inside the corpus, e.g. `sisimai/labels.jsonl`).
 * When it is absent the block is skipped, never silently: a console warning names the suite, the path looked
 * for and where the corpus belongs. The body still runs to collect its tests (they are reported as skipped), so
 * it must not read the corpus unless {@link corpusAvailable} says it is there.
 *
 * @example
 * describeCorpus('pigeonhole-vacation/cases.jsonl', 'Pigeonhole vacation cases', () => {
 *   const cases = corpusAvailable('pigeonhole-vacation') ? readCorpusJsonl('pigeonhole-vacation', 'cases.jsonl') : [];
 *   it('reads the 17 cases', () => expect(cases).toHaveLength(17));
 * });
 */
export function describeCorpus(name: string, title: string, fn: () => void): void {
  const present = corpusAvailable(name);
  if (!present) {
    console.warn(
      `SKIPPING "${title}": ${corpusPath(name)} is absent (the corpus lives in ../shared/corpus beside the repository root; CI always has it)`,
    );
  }
  describe.skipIf(!present)(title, fn);
}
