import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AstNode, librarySources, readSource, repoRoot, walkAst } from './source-files.js';

// Modules that reach the outside world. The library packages take time, state, DNS answers and keys as
// arguments instead; only packages/cli may use these.
const FORBIDDEN_MODULES = new Set(
  [
    'fs',
    'fs/promises',
    'net',
    'dns',
    'dns/promises',
    'http',
    'https',
    'http2',
    'child_process',
    'os',
    'tls',
    'dgram',
    'worker_threads',
    'cluster',
  ].flatMap((m) => [m, `node:${m}`]),
);

const name = (node: unknown): string | undefined =>
  node !== null && typeof node === 'object' && (node as AstNode).type === 'Identifier'
    ? ((node as AstNode)['name'] as string)
    : undefined;

const memberName = (node: AstNode): string | undefined => {
  if (node.type !== 'MemberExpression' && node.type !== 'StaticMemberExpression') return undefined;
  const object = name(node['object']);
  const property = name(node['property']);
  return object && property ? `${object}.${property}` : undefined;
};

/** Every impure construct in one source file, as human-readable findings. */
function impurities(fileName: string, source: string): string[] {
  const found: string[] = [];
  walkAst(fileName, source, (node) => {
    const source = node['source'] as AstNode | undefined;
    if (
      (node.type === 'ImportDeclaration' ||
        node.type === 'ExportNamedDeclaration' ||
        node.type === 'ExportAllDeclaration') &&
      source &&
      FORBIDDEN_MODULES.has(source['value'] as string)
    ) {
      found.push(`imports ${source['value']}`);
    }
    if (node.type === 'ImportExpression' && source && FORBIDDEN_MODULES.has(source['value'] as string)) {
      found.push(`imports ${source['value']} dynamically`);
    }
    if (node.type === 'CallExpression') {
      const callee = node['callee'] as AstNode;
      const args = node['arguments'] as AstNode[];
      if (name(callee) === 'require') found.push('calls require()');
      if (name(callee) === 'fetch') found.push('calls fetch()');
      if (args.length === 0 && name(callee) === 'Date') found.push('calls Date()');
    }
    if (
      node.type === 'NewExpression' &&
      name(node['callee']) === 'Date' &&
      (node['arguments'] as unknown[]).length === 0
    ) {
      found.push('reads the clock with new Date()');
    }
    const member = memberName(node);
    if (
      member === 'process.env' ||
      member === 'Date.now' ||
      member === 'Math.random' ||
      member === 'performance.now' ||
      member === 'crypto.getRandomValues' ||
      member === 'crypto.randomUUID'
    ) {
      found.push(`reads ${member}`);
    }
  });
  return found;
}

describe('purity of the library packages', () => {
  it('the checker finds each kind of impurity (it can fail)', () => {
    const bad = [
      "import { readFileSync } from 'node:fs';",
      "import * as dns from 'dns';",
      "export { hostname } from 'node:os';",
      "const cp = await import('node:child_process');",
      'const home = process.env.HOME;',
      'const t = Date.now();',
      'const r = Math.random();',
      'const d = new Date();',
      "const x = require('http');",
    ].join('\n');
    expect(new Set(impurities('bad.ts', bad))).toEqual(
      new Set([
        'imports node:fs',
        'imports dns',
        'imports node:os',
        'imports node:child_process dynamically',
        'reads process.env',
        'reads Date.now',
        'reads Math.random',
        'reads the clock with new Date()',
        'calls require()',
      ]),
    );
    expect(
      impurities(
        'good.ts',
        "import { x } from './x.js';\nconst d = new Date(0); const n = Date.UTC(2020, 0, 1);",
      ),
    ).toEqual([]);
  });

  const files = librarySources({ includeCli: false });
  it('finds the library sources of every package but the CLI', () => {
    // About 100 files today: a threshold of a handful would not notice a walk that lost most of them.
    expect(files.length).toBeGreaterThan(60);
    const packages = readdirSync(join(repoRoot, 'packages')).filter(
      (pkg) => pkg !== 'cli' && existsSync(join(repoRoot, 'packages', pkg, 'src', 'index.ts')),
    );
    expect(packages.length).toBeGreaterThanOrEqual(8);
    expect([...new Set(files.map((f) => f.pkg))].sort()).toEqual(packages.sort());
  });
  it.each(files.map((f) => [f.file]))(
    '%s does no I/O and reads no clock, randomness or environment',
    (file) => {
      expect(impurities(file, readSource(file))).toEqual([]);
    },
  );
});
