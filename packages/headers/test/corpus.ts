import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `../shared/corpus` beside the repository root; absent in a user's fresh clone. */
export const corpusDir: string = new URL('../../../../shared/corpus/', import.meta.url).pathname;
export const sisimaiDir: string = join(corpusDir, 'sisimai');
export const hasSisimai: boolean = existsSync(sisimaiDir);

if (!hasSisimai) {
  console.warn(`corpus tests skipped: ${sisimaiDir} is absent (it ships beside the repository in CI)`);
}

/** Every sisimai message as [file name, bytes], sorted by name. */
export function sisimaiMessages(): [string, Uint8Array][] {
  if (!hasSisimai) return [];
  return readdirSync(sisimaiDir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => [f, new Uint8Array(readFileSync(join(sisimaiDir, f)))]);
}
