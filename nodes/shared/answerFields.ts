import { z } from 'zod/v4';

// Services send IDs and names now as text, now as numbers (one field, both within one API): their
// answers read either as text. These are for answers; parameters have nodes/shared/fields.ts.

/** Text or a number, read as text. */
export const answerText = z.union([z.string(), z.number()]).transform(String);

/** Text, a number or null, read as text; null and a missing field read as absent. */
export const optionalAnswerText = z.union([z.string(), z.number(), z.null()]).transform((v) => (v === null ? undefined : String(v))).optional();

/** Text, a number or null, read as text; null stays null (Hover's JSON:API attributes say "not set" with it). */
export const nullableAnswerText = z.union([z.string(), z.number(), z.null()]).transform((v) => (v === null ? null : String(v))).optional();
