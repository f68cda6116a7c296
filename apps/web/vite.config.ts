import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// No index.html: the server renders the HTML shell and reads the manifest to find the entry.
export default defineConfig({
  plugins: [vue()],
  resolve: { conditions: ['source'] },
  base: '/',
  build: {
    manifest: true,
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: 'src/main.ts' },
  },
  server: { origin: 'http://localhost:5173' },
});
