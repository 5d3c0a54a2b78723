// Review aid for type tests (docs/decisions/0006-type-tests.md): prints, for every `// @ts-expect-error` in
// packages/*/test/*.test-d.ts, the error its next line gives without the directive, so a reviewer can see that each
// negative case fails for the intended reason (the directive silences any error, a typo included).
// Usage: node test-support/scripts/expect-error-report.mjs [package ...]   (after `pnpm build`)
// Exit 1 when a directive's line compiles without it, or an error lands on a line no directive covers.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const wanted = process.argv.slice(2);
let problems = 0;

for (const pkg of readdirSync(join(root, 'packages')).sort()) {
  if (wanted.length > 0 && !wanted.includes(pkg)) continue;
  const testDir = join(root, 'packages', pkg, 'test');
  const config = join(root, 'packages', pkg, 'tsconfig.test.json');
  if (!existsSync(testDir) || !existsSync(config)) continue;
  for (const name of readdirSync(testDir).filter((n) => n.endsWith('.test-d.ts'))) {
    const lines = readFileSync(join(testDir, name), 'utf8').split('\n');
    const targets = [];
    const probeLines = lines.map((line, i) => {
      if (!/^\s*\/\/ @ts-expect-error/.test(line)) return line;
      targets.push(i + 2); // the 1-based number of the line after the directive
      return line.replace('@ts-expect-error', '(directive removed)');
    });
    // A sibling file keeps the package-name imports resolving; the original stays untouched.
    const probeName = name.replace(/\.test-d\.ts$/, '.expect-error-probe.test-d.ts');
    const probe = join(testDir, probeName);
    writeFileSync(probe, probeLines.join('\n'));
    let output = '';
    try {
      execFileSync('pnpm', ['exec', 'tsc', '-b', config, '--pretty', 'false'], {
        cwd: root,
        encoding: 'utf8',
      });
    } catch (error) {
      output = String(error.stdout ?? '');
    } finally {
      rmSync(probe, { force: true });
    }
    const errors = new Map();
    for (const m of output.matchAll(/^(\S+)\((\d+),\d+\): error (TS\d+): (.*)$/gm)) {
      if (!m[1].endsWith(probeName)) continue;
      const line = Number(m[2]);
      if (!errors.has(line)) errors.set(line, `${m[3]} ${m[4]}`);
    }
    const rel = relative(root, join(testDir, name));
    for (const line of targets) {
      const message = errors.get(line);
      if (message === undefined) problems += 1;
      console.log(`${message === undefined ? 'COMPILES' : 'ok      '} ${rel}:${line}  ${message ?? ''}`);
    }
    for (const [line, message] of errors) {
      if (targets.includes(line)) continue;
      problems += 1;
      console.log(`STRAY    ${rel}:${line}  ${message}`);
    }
  }
}
console.log(problems === 0 ? 'every negative case fails without its directive' : `${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
