import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** <repo root>/../shared/corpus, from this file's location (packages/mail-auth/test/support). */
export const CORPUS_DIR: string = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));

/** Whether a corpus folder is present; logs why the suite using it is skipped when it is not. */
export function corpusAvailable(folder: string): boolean {
  const present = existsSync(`${CORPUS_DIR}${folder}`);
  if (!present) {
    console.warn(
      `[mail-auth] SKIPPING ${folder} conformance: ${CORPUS_DIR}${folder} is absent (it lives in ../shared/corpus beside the repository; CI always has it)`,
    );
  }
  return present;
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(`${CORPUS_DIR}${path}`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export function readCorpusFile(path: string): Buffer {
  return readFileSync(`${CORPUS_DIR}${path}`);
}
