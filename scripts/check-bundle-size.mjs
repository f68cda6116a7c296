#!/usr/bin/env node
// The player page's JavaScript budget: the entry and the Play page chunk with every chunk they
// import statically (read from the Vite manifest), gzipped, must stay under 150 KB.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'apps/web/dist');

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
} catch {
  console.error('No apps/web/dist/.vite/manifest.json: run `npm run build -w apps/web` first.');
  process.exit(2);
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const page = Object.keys(manifest).find((k) => /pages\/Play\.vue$/.test(k));
if (!entry || !page) {
  console.error('The manifest has no entry or no pages/Play.vue chunk.');
  process.exit(2);
}

const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const dep of chunk.imports ?? []) visit(dep);
};
visit(entry);
visit(page);

let raw = 0;
let gzipped = 0;
for (const file of [...files].filter((f) => f.endsWith('.js'))) {
  const content = readFileSync(join(dist, file));
  const size = gzipSync(content, { level: 9 }).length;
  raw += content.length;
  gzipped += size;
  console.log(`  ${file.padEnd(44)} ${(size / 1024).toFixed(1).padStart(7)} KB gz`);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`Player page JavaScript: ${kb(gzipped)} gzipped (${kb(raw)} raw), budget ${kb(BUDGET_BYTES)}`);
if (gzipped > BUDGET_BYTES) {
  console.error('Over budget.');
  process.exit(1);
}
