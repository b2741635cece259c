import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// type-graphql and TypeORM read decorator metadata (emitDecoratorMetadata), which esbuild does not emit: SWC does.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { LOG_LEVEL: 'silent', NODE_ENV: 'test' },
  },
});
