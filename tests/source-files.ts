import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseSync } from 'oxc-parser';

export const repoRoot: string = new URL('..', import.meta.url).pathname;

/** Every TypeScript source file under packages/<name>/src, as [package, path relative to the repo root]. */
export function librarySources(options: { includeCli: boolean }): { pkg: string; file: string }[] {
  const out: { pkg: string; file: string }[] = [];
  const packagesDir = join(repoRoot, 'packages');
  for (const pkg of readdirSync(packagesDir).sort()) {
    if (pkg === 'cli' && !options.includeCli) continue;
    const walk = (dir: string): void => {
      if (!existsSync(dir)) return;
      for (const name of readdirSync(dir).sort()) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith('.ts') && !name.endsWith('.d.ts'))
          out.push({ pkg, file: relative(repoRoot, p) });
      }
    };
    walk(join(packagesDir, pkg, 'src'));
  }
  return out;
}

export type AstNode = { type: string; [key: string]: unknown };

/** Parses TypeScript source and calls `visit` on every AST node. */
export function walkAst(fileName: string, source: string, visit: (node: AstNode) => void): void {
  const { program, errors } = parseSync(fileName, source);
  if (errors.length > 0) throw new Error(`${fileName}: cannot parse: ${errors[0]?.message}`);
  const stack: unknown[] = [program];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const v of value) stack.push(v);
    } else if (value !== null && typeof value === 'object') {
      const node = value as AstNode;
      if (typeof node.type === 'string') visit(node);
      for (const key of Object.keys(node)) {
        if (key !== 'type') stack.push(node[key]);
      }
    }
  }
}

export function readSource(file: string): string {
  return readFileSync(join(repoRoot, file), 'utf8');
}
