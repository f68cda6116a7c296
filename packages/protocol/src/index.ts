export * from './config.js';
export * from './http.js';
export { formatIssues, formatPath, MAX_REPORTED_ISSUES } from './issues.js';
export * from './question-set.js';
export * from './socket.js';
export { charCount, idSchema, text } from './text.js';
