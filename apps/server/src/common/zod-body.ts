import type { z } from 'zod';
import { badRequest } from './api-error.js';

/** Short readable lines for a zod error: `name: must not be empty`. */
export function describeZodError(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`);
}

/** Parses a request body with a zod schema or throws a 400 naming every problem. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, code = 'invalid_body'): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const details = describeZodError(result.error);
  throw badRequest(code, details.join('; '), details);
}
