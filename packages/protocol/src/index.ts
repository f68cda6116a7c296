export * from './config.js';
export { DEFAULT_DEMO_SET_ID, demoSets } from './demo-sets.js';
export * from './http.js';
export { formatIssues, formatPath, MAX_REPORTED_ISSUES } from './issues.js';
export { DEMO_MEDIA_DIR } from './media.js';
export * from './question-set.js';
export * from './socket.js';
export { charCount, idSchema, text } from './text.js';
export type * from './views.js';
