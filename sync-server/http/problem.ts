import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** RFC 9457 problem details; `detail` is a plain English sentence a person can act on. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extra: string]: unknown;
}

/** Thrown by handlers; the error handler turns it into application/problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export function problemBody(status: number, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, ...extra };
}

export function sendProblem(reply: FastifyReply, status: number, detail: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).type('application/problem+json; charset=utf-8').send(problemBody(status, detail, extra));
}

/** Clear sentences for the errors Fastify raises itself before a handler runs. */
function describeFastifyError(err: FastifyError, bodyLimit: number): { status: number; detail: string } {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, detail: 'The request body is not valid JSON.' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, detail: 'The request body is empty; send JSON.' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, detail: `The request body is larger than the limit of ${bodyLimit} bytes.` };
    case 'FST_ERR_CTP_INVALID_TYPE':
      return { status: 415, detail: 'The Content-Type header is not valid.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, detail: 'The request body must be sent as application/json.' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, detail: 'The Content-Length header does not match the body.' };
    default:
      if (err instanceof SyntaxError) return { status: 400, detail: 'The request body is not valid JSON.' };
      return { status: err.statusCode ?? 500, detail: err.message };
  }
}

/** Every error becomes problem+json; only real server faults are 500 (and logged as errors). */
export function makeErrorHandler(bodyLimit: number) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof HttpProblem) {
      reply.headers(err.headers);
      return sendProblem(reply, err.status, err.detail, err.extra);
    }
    // Routes may have their own limit (media uploads).
    const { status, detail } = describeFastifyError(err, request.routeOptions?.bodyLimit ?? bodyLimit);
    if (status >= 400 && status < 500) {
      request.log.info({ code: err.code, status }, 'client error');
      return sendProblem(reply, status, detail);
    }
    request.log.error({ err }, 'request failed');
    return sendProblem(reply, 500, 'Something went wrong on the server; the error has been logged.');
  };
}
