// One TypeDoc site for every library package (the CLI has no library entry), written to docs/api/ (generated,
// gitignored). `pnpm docs:api` at the root runs it; the CI gate `api-docs` adds --treatWarningsAsErrors, so an
// export without JSDoc, a function without an @example, or a broken {@link} fails. See
// docs/decisions/0005-api-docs.md.
import { OptionDefaults } from 'typedoc';

const validation = {
  notExported: true,
  invalidLink: true,
  rewrittenLink: true,
  notDocumented: true,
  unusedMergeModuleWith: true,
  // Package READMEs link to folders (right on a forge, but a folder cannot be copied into the site).
  invalidPath: false,
};

// What must carry JSDoc: every exported declaration (members and properties may rely on their type's docs).
const requiredToBeDocumented = ['Function', 'Class', 'Interface', 'TypeAlias', 'Variable', 'Enum'];

/** @type {Partial<import('typedoc').TypeDocOptions>} */
const config = {
  name: 'mailroom',
  entryPointStrategy: 'packages',
  entryPoints: [
    '../../packages/headers',
    '../../packages/header-classifier',
    '../../packages/requester-resolver',
    '../../packages/rate-limiter',
    '../../packages/loop-detector',
    '../../packages/mail-auth',
    '../../packages/connector-config',
    '../../packages/arbitraries',
  ],
  // In `packages` mode each package is converted with these options (root-level ones do not reach it).
  packageOptions: {
    entryPoints: ['src/index.ts'],
    // `tsc -b` (the `types` gate) already type-checks the sources.
    skipErrorChecking: true,
    excludePrivate: true,
    excludeInternal: true,
    // No "defined in" source links: they need a git remote, and a clean clone's may be absent or a local path
    // (typedoc warns, and warnings fail the gate).
    disableSources: true,
    // `@rule LOOP-6` names the RULES.md ids a function implements (pnpm rules builds docs/rules.md from them).
    blockTags: [...OptionDefaults.blockTags, '@rule'],
    validation,
    requiredToBeDocumented,
  },
  out: '../../docs/api',
  readme: './index.md',
  plugin: ['./require-example.mjs'],
  validation,
  requiredToBeDocumented,
};
export default config;
