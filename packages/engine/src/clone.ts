/**
 * Deep copy of plain JSON-like data (objects, arrays, primitives), which is all game state holds.
 * Hand-written rather than structuredClone: the engine runs without Node or DOM typings and this
 * is several times faster on the small objects a command touches.
 */
export function cloneData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneData) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneData((value as Record<string, unknown>)[key]);
  return out as T;
}
