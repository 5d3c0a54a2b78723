// The packages the package gates (publint, attw, packed) look at: every folder under packages/ with a
// package.json that is not private, sorted by folder name.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @returns {{ dir: string, path: string, name: string, manifest: any }[]} */
export function publishablePackages(root) {
  const packages = [];
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const path = join(root, 'packages', dir);
    const manifestPath = join(path, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.private) continue;
    packages.push({ dir, path, name: manifest.name, manifest });
  }
  return packages;
}
