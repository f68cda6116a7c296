import vue from '@vitejs/plugin-vue';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/** The call's browser test: it runs alone, after the rest (see vitest.call.config.ts). */
export const callTests = ['test/call.e2e.spec.ts'];

/** The web workspace's settings, without which files: shared with vitest.call.config.ts. */
export const webProject = (test: UserWorkspaceConfig['test']) =>
  defineProject({
    plugins: [vue()],
    resolve: { conditions: ['source'] },
    test: { environment: 'happy-dom', testTimeout: 180_000, hookTimeout: 120_000, ...test },
  });

export default webProject({
  name: 'web',
  include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
  exclude: callTests,
});
