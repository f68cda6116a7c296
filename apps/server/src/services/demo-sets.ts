import type { QuestionSet } from '@slimste/engine';
import * as protocol from '@slimste/protocol';

// The bundled demo sets and their media come from @slimste/protocol. Read through the namespace so
// the server still boots (with no demo sets) while a build of protocol lacks them.
const bundle = protocol as unknown as { demoSets?: readonly QuestionSet[]; DEMO_MEDIA_DIR?: string };

export function bundledDemoSets(): readonly QuestionSet[] {
  return bundle.demoSets ?? [];
}

/** The directory served at /media/demo, or null when the protocol package ships none. */
export function demoMediaDir(): string | null {
  return bundle.DEMO_MEDIA_DIR ?? null;
}
