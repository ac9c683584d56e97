import type { z } from 'zod';
import { invalidBody } from './problem';

/** Parses a request part with a zod schema; a mismatch is a 400 with field errors. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidBody(result.error.issues);
  return result.data;
}
