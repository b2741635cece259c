import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// type-graphql and TypeORM read decorator metadata (emitDecoratorMetadata), which esbuild does not emit: SWC does.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  // One graphql-js for the tests and the libraries: Vite would otherwise load its ESM build beside the CommonJS
  // one that @apollo/server requires, and instanceof checks (GraphQLError, scalar types) fail across the two.
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { LOG_LEVEL: 'silent', NODE_ENV: 'test' },
  },
});
