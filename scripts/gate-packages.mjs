// Package gates run per published package: `publint --strict` and
// `attw --pack --profile esm-only`. Usage: node scripts/gate-packages.mjs publint|attw
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { publishablePackages } from './publishable-packages.mjs';

const gate = process.argv[2];
const root = fileURLToPath(new URL('..', import.meta.url));
let failures = 0;
for (const { path: dir, manifest } of publishablePackages(root)) {
  const args =
    gate === 'publint'
      ? ['exec', 'publint', '--strict', dir]
      : gate === 'attw'
        ? ['exec', 'attw', '--pack', dir, '--profile', 'esm-only', '--format', 'table-flipped']
        : null;
  if (args === null) throw new Error(`unknown gate ${gate}: use publint or attw`);
  // A package without a library entry (the CLI exposes only a bin) has no types for attw to check.
  if (gate === 'attw' && !manifest.exports?.['.']) continue;
  process.stdout.write(`--- ${gate} ${manifest.name}\n`);
  try {
    execFileSync('pnpm', args, { stdio: 'inherit', cwd: root });
  } catch {
    failures += 1;
    process.stdout.write(`${gate}: ${manifest.name} failed\n`);
  }
}
process.exit(failures === 0 ? 0 : 1);
