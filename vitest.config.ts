import { defineConfig } from 'vitest/config';

// One runner for the whole repository; each workspace is a project with its own environment.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    projects: ['packages/engine', 'packages/protocol', 'apps/server', 'apps/web', 'apps/web/vitest.call.config.ts'],
  },
});
