export const WEB_DIST_DIR = Symbol('WEB_DIST_DIR');
