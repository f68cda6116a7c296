import vue from '@vitejs/plugin-vue';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [vue()],
  resolve: { conditions: ['source'] },
  test: {
    name: 'web',
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
