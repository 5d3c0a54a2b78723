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

/**
 * Runs `node packages/cli/dist/bin.js ...args` from the repository root (or `cwd`); with `asUser`, through
 * `runuser -u <user> --` (root can read any file, so permission tests drop to an ordinary user).
 */
export function mailroom(args: readonly string[], cwd: string = repoRoot, asUser?: string): BinResult {
  const command = asUser === undefined ? process.execPath : 'runuser';
  const argv = [bin, ...args];
  const result = spawnSync(
    command,
    asUser === undefined ? argv : ['-u', asUser, '--', process.execPath, ...argv],
    {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 60_000,
    },
  );
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
