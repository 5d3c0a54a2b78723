import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run the built bin from there, as a user would). */
export const repoRoot: string = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

export interface BinResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

// Preloaded to drop root privileges to `nobody` (65534) before the bin starts: root reads any file, so the
// permission-denied tests would otherwise have nothing to test.
const AS_NOBODY = 'data:text/javascript,process.setgroups([]);process.setgid(65534);process.setuid(65534);';

/** Runs `node packages/cli/dist/bin.js ...args` from the repository root (or `cwd`), as `nobody` if asked. */
export function mailroom(args: readonly string[], cwd: string = repoRoot, asNobody = false): BinResult {
  const preload = asNobody ? ['--import', AS_NOBODY] : [];
  const result = spawnSync(process.execPath, [...preload, bin, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The `--json` output as objects, one per line. */
export function jsonRows(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
