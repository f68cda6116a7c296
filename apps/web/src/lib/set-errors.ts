/**
 * The server's 400 details look like `rounds.puzzle[1].links[2].clues: expected 4 clues, got 3`.
 * These helpers put each message beside the field its path names.
 */
export interface PathError {
  path: string;
  message: string;
}

export function parseDetails(details: string[]): PathError[] {
  return details.map((d) => {
    const i = d.indexOf(': ');
    return i < 0 ? { path: '', message: d } : { path: d.slice(0, i), message: d.slice(i + 2) };
  });
}

/** Errors at `path` itself or inside it (`path.x`, `path[0]`). */
export function errorsAt(errors: PathError[], path: string, exact = false): string[] {
  return errors
    .filter((e) => e.path === path || (!exact && (e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`))))
    .map((e) => (e.path === path ? e.message : `${e.path.slice(path.length).replace(/^\./, '')}: ${e.message}`));
}
