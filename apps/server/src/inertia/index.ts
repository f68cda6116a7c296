export { escapeAttribute, renderShell } from './html-shell.js';
export { InertiaModule } from './inertia.module.js';
export { INERTIA_OPTIONS, type InertiaOptions, InertiaService } from './inertia.service.js';
export {
  always,
  type InertiaRequest,
  type InertiaResponse,
  lazy,
  type PageObject,
  type Props,
  respond,
} from './inertia-page.js';
export { assetVersion, entryTags, loadWebBuild, type Manifest, readManifest, staticClosure } from './vite-manifest.js';
