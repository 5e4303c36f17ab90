import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Corpus-wide tests spawn pydicom and dcmtk; they are slow, not hung.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
