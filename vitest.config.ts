import { defineConfig } from 'vitest/config';

// One vitest project per package and example: `vitest run --project headers` runs one of them.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*', 'tests'],
    reporters: ['default'],
  },
});
