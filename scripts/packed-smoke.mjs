// The `packed` gate: tests what is shipped, not the source. Packs every publishable package under packages/ with
// `pnpm pack` (which rewrites `workspace:*` to real versions), installs all the tarballs together into a fresh
// directory outside the repository (isolated, `hoist=false`, so an undeclared dependency cannot be borrowed from
// a neighbour; third-party dependencies come from the registry), then runs scripts/packed-smoke-checks.mjs there
// with plain `node`. Needs the packages built (`pnpm build`). See docs/decisions/0004-packed-smoke-gate.md.
// Usage: node scripts/packed-smoke.mjs [--keep]   (--keep leaves the directory for a look and prints its path)
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishablePackages } from './publishable-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');
const started = performance.now();

const packages = publishablePackages(root);
if (packages.length === 0) throw new Error('packed: no publishable package under packages/');
for (const { dir, manifest } of packages) {
  if (manifest.exports?.['.'] && !existsSync(join(root, 'packages', dir, 'dist', 'index.js'))) {
    throw new Error(`packed: packages/${dir}/dist/index.js is missing: run pnpm build first`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'mailroom-packed-'));
// Node looks for a bare import in every ancestor's node_modules: one above the work directory would let an
// undeclared dependency resolve, so refuse to run there.
for (let dir = dirname(work); dir !== dirname(dir); dir = dirname(dir)) {
  if (existsSync(join(dir, 'node_modules'))) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(
      `packed: ${join(dir, 'node_modules')} exists above ${work}: set TMPDIR to a clean directory`,
    );
  }
}
const tarballs = join(work, 'tarballs');
const consumer = join(work, 'consumer');
mkdirSync(tarballs);
mkdirSync(consumer);
let status = 1;
let step = 'pack';
try {
  const files = {};
  for (const { dir, name } of packages) {
    const before = new Set(readdirSync(tarballs));
    execFileSync('pnpm', ['pack', '--pack-destination', tarballs], {
      cwd: join(root, 'packages', dir),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const added = readdirSync(tarballs).filter((f) => !before.has(f));
    if (added.length !== 1) throw new Error(`packed: pnpm pack of ${name} produced ${added.length} files`);
    files[name] = `file:../tarballs/${added[0]}`;
  }
  // The consumer depends on every tarball; the overrides make the packages' dependencies on one another resolve
  // to these tarballs instead of the registry (where @mailroom/* does not exist). fast-check is the consumer's own
  // dependency, as for any user of @mailroom/arbitraries (a peer dependency), pinned to the version the repo tests.
  step = 'install';
  const fastCheck = JSON.parse(readFileSync(join(root, 'packages/arbitraries/package.json'), 'utf8'))
    .devDependencies['fast-check'];
  writeFileSync(
    join(consumer, 'package.json'),
    `${JSON.stringify(
      {
        name: 'mailroom-packed-consumer',
        private: true,
        type: 'module',
        dependencies: { ...files, 'fast-check': fastCheck },
        pnpm: { overrides: files },
      },
      null,
      2,
    )}\n`,
  );
  // A package must see only what its own manifest declares: hoist=false (no .pnpm/node_modules fallback), and the
  // virtual store beside the consumer, not inside it, so that Node's lookup from a package's real path never
  // walks up into the consumer's node_modules (where every @mailroom package is linked).
  writeFileSync(
    join(consumer, '.npmrc'),
    'hoist=false\nauto-install-peers=false\nvirtual-store-dir=../store\n',
  );
  execFileSync(
    'pnpm',
    [
      'install',
      '--no-frozen-lockfile',
      '--ignore-workspace',
      '--reporter=silent',
      '--config.confirmModulesPurge=false',
    ],
    { cwd: consumer, stdio: 'inherit' },
  );
  step = 'smoke checks';
  copyFileSync(join(root, 'scripts/packed-smoke-checks.mjs'), join(consumer, 'smoke.mjs'));
  execFileSync(
    process.execPath,
    ['smoke.mjs', root, JSON.stringify(packages.map(({ dir, name }) => ({ dir, name })))],
    {
      cwd: consumer,
      stdio: 'inherit',
    },
  );
  status = 0;
} catch (error) {
  // A failing command has already printed its own output; say which step failed.
  const detail = error instanceof Error && !('status' in error) ? `: ${error.message}` : '';
  process.stdout.write(`packed: ${step} failed${detail}\n`);
} finally {
  if (keep) process.stdout.write(`packed: kept ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`packed: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(status);
