import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorCode, type ErrorDetail } from '../core/errors.js';
import { UnavailableError } from '../ports/bus.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[] };
}

/** Fastify's own errors mapped to our codes: bad input is never a 500. */
const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    message: 'request body is too large',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'unsupported Content-Type: send application/json or application/x-ndjson',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'invalid_input',
    message: 'Content-Length does not match the body',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json', message: 'the JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'the body is not valid JSON' },
};

export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, details: err.details } },
    };
  }
  const fe = err as Partial<FastifyError>;
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known)
    return {
      status: known.status,
      body: { error: { code: known.code, message: known.message, details: [] } },
    };
  if (err instanceof SyntaxError || (fe.statusCode === 400 && fe.code !== undefined)) {
    return {
      status: 400,
      body: {
        error: {
          code: 'invalid_json',
          message: `the body could not be parsed: ${fe.message ?? ''}`,
          details: [],
        },
      },
    };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: { error: { code: 'invalid_input', message: fe.message ?? 'bad request', details: [] } },
    };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal error', details: [] } } };
}

/** The one HTTP error handler. */
export function installErrorHandler(server: FastifyInstance): void {
  server.setErrorHandler((err, request, reply) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) request.log.error({ err }, 'request failed');
    if (err instanceof AppError && err.status === 503) {
      void reply.header('retry-after', String(err instanceof UnavailableError ? err.retryAfterSeconds : 5));
    }
    void reply.status(status).send(body);
  });
  server.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      error: { code: 'not_found', message: `no route ${request.method} ${request.url}`, details: [] },
    } satisfies ErrorBody);
  });
}
