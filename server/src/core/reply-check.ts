/**
 * Keeps the response schemas true: with `checkReplies` on (the test configuration), every JSON
 * reply is compared, as the client receives it, with its route's response schema, and a reply that
 * strays (a missing or mistyped field, or a field the schema does not name) becomes a loud 500.
 * The whole suite so checks the schemas the API document and the web types are made from;
 * production skips the work.
 */
import type { z } from 'zod';
import { config } from './config.js';
import { AppError } from './errors.js';
import { logger } from './logger.js';

export const checkingReplies = (): boolean => config().checkReplies;

/** `items[0].title`, as the API names fields. */
const pathText = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths present in what was sent but dropped by the schema's parse: fields the schema does not name. */
function unnamedFields(sent: Json, parsed: unknown, at = ''): string[] {
  if (Array.isArray(sent)) {
    return Array.isArray(parsed) ? sent.flatMap((v, i) => unnamedFields(v, parsed[i], `${at}[${i}]`)) : [];
  }
  if (sent === null || typeof sent !== 'object' || parsed === null || typeof parsed !== 'object') return [];
  const kept = parsed as Record<string, unknown>;
  return Object.entries(sent).flatMap(([k, v]) => {
    const path = at ? `${at}.${k}` : k;
    return k in kept ? unnamedFields(v, kept[k], path) : [path];
  });
}

/** Throws a 500 naming the route and each stray field when `body` does not match `schema`. */
export function checkReply(route: string, schema: z.ZodType, body: unknown): void {
  const sent = JSON.parse(JSON.stringify(body === undefined ? {} : body)) as Json;
  const result = schema.safeParse(sent);
  const problems = result.success
    ? unnamedFields(sent, result.data).map((field) => ({ field, message: 'not in the response schema' }))
    : result.error.issues.map((i) => ({ field: pathText(i.path) || '(reply)', message: i.message }));
  if (!problems.length) return;
  const message = `${route} answered outside its response schema: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`;
  logger().error({ route, problems }, 'reply does not match its response schema');
  // the test configuration silences the logger; this must not pass unseen
  console.error(message);
  throw new AppError(500, 'reply_schema_mismatch', message, problems);
}
