import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { HttpProblem } from './problem';

/** Validates a request body; a wrong shape is the client's mistake (400), named field by field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))].join(', ');
    throw new HttpProblem(400, `The request body is not what this endpoint expects (check: ${fields}).`);
  }
  return parsed.data;
}

/**
 * The API takes JSON only (anything else is 415). Fastify's JSON parser
 * (prototype poisoning refused), except that an empty body is read as
 * "no body" so a bodiless POST with a JSON content type works.
 */
export function useTolerantJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, done);
  });
}
