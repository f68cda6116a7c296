import { Module } from '@nestjs/common';
import { InertiaModule } from '../inertia/inertia.module.js';
import { PagesController } from './pages.controller.js';
import { WEB_DIST_DIR } from './tokens.js';
import { webDistDir } from './web-dist.js';

const distDir = webDistDir();

/** The web app's pages (Inertia) and its built assets. Imported last, after the API routes. */
@Module({
  imports: [InertiaModule.forRoot({ distDir, title: 'De Slimste Mens' })],
  controllers: [PagesController],
  providers: [{ provide: WEB_DIST_DIR, useValue: distDir }],
})
export class PagesModule {}
