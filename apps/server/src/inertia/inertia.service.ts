import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { renderShell } from './html-shell.js';
import { type Props, respond } from './inertia-page.js';
import { loadWebBuild, type WebBuild } from './vite-manifest.js';

export const INERTIA_OPTIONS = Symbol('INERTIA_OPTIONS');

export interface InertiaOptions {
  /** The Vite build output (apps/web/dist), holding `.vite/manifest.json`. */
  distDir: string;
  title?: string;
  /** Props every page gets (evaluated per visit). */
  sharedProps?: () => Props;
}

/** Renders Inertia pages over Express: the HTML shell, the JSON page object, 409 on stale assets. */
@Injectable()
export class InertiaService {
  private cached: { mtimeMs: number; build: WebBuild } | null = null;

  constructor(@Inject(INERTIA_OPTIONS) private readonly options: InertiaOptions) {}

  /** The current build; re-read when the manifest changes, so a redeploy bumps the version. */
  build(): WebBuild {
    let mtimeMs = -1;
    try {
      mtimeMs = statSync(join(this.options.distDir, '.vite', 'manifest.json')).mtimeMs;
    } catch {
      // not built: version "dev"
    }
    if (!this.cached || this.cached.mtimeMs !== mtimeMs) {
      this.cached = { mtimeMs, build: loadWebBuild(this.options.distDir) };
    }
    return this.cached.build;
  }

  async render(req: Request, res: Response, component: string, props: Props = {}): Promise<void> {
    const build = this.build();
    const allProps = { ...(this.options.sharedProps?.() ?? {}), ...props };
    const answer = await respond(
      { method: req.method, url: req.originalUrl, headers: req.headers },
      { component, props: allProps },
      build.version,
    );
    res.setHeader('Vary', 'X-Inertia');
    if (answer.kind === 'conflict') {
      res.status(409).set(answer.headers).end();
      return;
    }
    if (answer.kind === 'json') {
      res.status(200).set(answer.headers).send(JSON.stringify(answer.page));
      return;
    }
    res
      .status(200)
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(renderShell(answer.page, build.tags, this.options.title));
  }
}
