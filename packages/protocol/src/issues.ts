import type { z } from 'zod';

/** More messages than this are cut off: a broken upload should read as a list, not a wall. */
export const MAX_REPORTED_ISSUES = 50;

/** `['rounds', 'puzzle', 1, 'links']` -> `rounds.puzzle[1].links`; the root is `(document)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(document)';
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `unknown field "${issue.keys[0]}"`
        : `unknown fields ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) return 'required';
      return issue.message.replace(/^Invalid input: /, '');
    case 'invalid_union': {
      // A discriminated union names its discriminator and options (not in zod's issue type).
      const union = issue as { note?: string; options?: unknown[] };
      if (union.note === 'No matching discriminator' && union.options)
        return `unknown value, expected one of ${union.options.map((o) => JSON.stringify(o)).join(', ')}`;
      return issue.message;
    }
    case 'invalid_value':
      if (!/^Invalid (input|option)/.test(issue.message)) return issue.message; // a schema's own wording
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

/**
 * A zod error as readable lines, each naming where and what: `rounds.puzzle[1].links[2].clues: expected 4 clues, got 3`.
 * Unknown-key issues are reported on the key itself (`config.foo: unknown field "foo"` reads worse than `config: ...`).
 */
export function formatIssues(error: z.ZodError | { issues: readonly z.core.$ZodIssue[] }): string[] {
  const lines = error.issues
    .slice(0, MAX_REPORTED_ISSUES)
    .map((issue) => `${formatPath(issue.path)}: ${describe(issue)}`);
  const more = error.issues.length - MAX_REPORTED_ISSUES;
  if (more > 0) lines.push(`(${more} more problem${more === 1 ? '' : 's'} not shown)`);
  return lines;
}
