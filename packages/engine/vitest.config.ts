import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: { environment: 'node', include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'] },
});
