import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One chunk of Vite's build manifest (dist/.vite/manifest.json). */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export type Manifest = Record<string, ManifestChunk>;

export interface WebBuild {
  /** The asset version: a hash of the manifest, so any rebuild that changes a file changes it. */
  version: string;
  /** Script and style tags for the HTML shell (entry, its static imports and CSS). */
  tags: string;
  found: boolean;
}

export function readManifest(distDir: string): { manifest: Manifest; raw: string } | null {
  try {
    const raw = readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8');
    return { manifest: JSON.parse(raw) as Manifest, raw };
  } catch {
    return null;
  }
}

export function assetVersion(raw: string): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/** The entry's chunk and every chunk it imports statically, each once, in load order. */
export function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): ManifestChunk[] {
  if (seen.has(key)) return [];
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) return [];
  const deps = (chunk.imports ?? []).flatMap((k) => staticClosure(manifest, k, seen));
  return [...deps, chunk];
}

export function entryKey(manifest: Manifest): string | undefined {
  return Object.keys(manifest).find((k) => manifest[k]?.isEntry);
}

export function entryTags(manifest: Manifest, base = '/'): string {
  const key = entryKey(manifest);
  if (!key) return '';
  const chunks = staticClosure(manifest, key);
  const entry = manifest[key]!;
  const css = [...new Set(chunks.flatMap((c) => c.css ?? []))];
  const preloads = chunks.filter((c) => c !== entry).map((c) => c.file);
  return [
    ...css.map((f) => `<link rel="stylesheet" href="${base}${f}">`),
    ...preloads.map((f) => `<link rel="modulepreload" href="${base}${f}">`),
    `<script type="module" src="${base}${entry.file}"></script>`,
  ].join('\n    ');
}

export function loadWebBuild(distDir: string): WebBuild {
  const read = readManifest(distDir);
  if (!read) return { version: 'dev', tags: '', found: false };
  return { version: assetVersion(read.raw), tags: entryTags(read.manifest), found: true };
}
