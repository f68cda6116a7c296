import { callTests, webProject } from './vitest.config.ts';

/**
 * The call's browser test in a group of its own, run after every other test file has finished.
 * Its five browsers encode and decode about sixteen fake camera streams, and its reload budget
 * (a face back on the TV within 5 s) is a real-time one: run beside another browser test on a
 * 2-core machine, it measured the neighbour (CI saw the TV with 2 of its 4 peers after 30 s).
 */
export default webProject({ name: 'web-call', include: callTests, sequence: { groupOrder: 1 } });
