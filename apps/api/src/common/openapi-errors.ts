import type { OpenAPIObject } from '@nestjs/swagger';
import { BUSY, BUSY_RETRY_AFTER_SECONDS, isWrite } from '../admission/write-admission';

/** The body of every error answer (api-exception.filter.ts), as the OpenAPI document states it. */
export const API_ERROR_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'error', 'message', 'messageVi'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: {
      type: 'string',
      description: 'machine-readable code, e.g. VALIDATION_FAILED, FORBIDDEN, CYCLE_NOT_FOUND',
      example: 'VALIDATION_FAILED',
    },
    message: {
      description: 'English, for developers; validation errors list one message per problem',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
    messageVi: { type: 'string', description: 'Vietnamese, for the user' },
    fields: { type: 'array', description: 'validation errors: the fields named', items: { type: 'object' } },
  },
  additionalProperties: true,
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Path parameters that name a resource the API looks up (404 when it does not exist). */
const LOOKED_UP = /\{(cycleId|id|templateId|notificationId|version|commentId)\}/;
const ERROR_REF = { $ref: '#/components/schemas/ApiError' };

/**
 * States in the document the error answers the server gives (#17): every operation with input may answer 400
 * (validation, hostile input), every operation needing a session 401 and 403 (roles, unit and office scope,
 * password change pending), every one naming a resource in its path 404; every error answer declared (these and
 * the 409/422/429/503 the controllers declare) carries the ApiError body; the session cookie is accepted
 * wherever the bearer token is. Every write the write admission covers (admission/write-admission.ts, its own rule
 * `isWrite`) may answer 503 SERVER_BUSY with Retry-After, so a generated client knows that answer and when to retry.
 */
export function documentErrorAnswers(document: OpenAPIObject, cookieScheme: string): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ApiError: API_ERROR_SCHEMA as never } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const add = (status: string, description: string) => {
        op.responses[status] ??= { description };
      };
      const secured = (op.security ?? []).some((s) => 'bearer' in s);
      if ((op.parameters ?? []).length > 0 || op.requestBody)
        add('400', 'the request is malformed (body, parameter or header): the answer names the problem');
      if (secured) {
        add('401', 'AUTHENTICATION_REQUIRED or SESSION_ENDED: no valid session');
        add('403', "FORBIDDEN: the caller's roles, units or office do not allow it (PASSWORD_CHANGE_REQUIRED after a reset)");
        if (!op.security!.some((s) => cookieScheme in s)) op.security!.push({ [cookieScheme]: [] });
      }
      if (LOOKED_UP.test(path)) add('404', 'the resource named in the path does not exist');
      if (isWrite({ method: method.toUpperCase(), path })) documentBusy(op.responses);
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^[45]\d\d$/.test(status) || !response || '$ref' in response) continue;
        response.content ??= { 'application/json': { schema: ERROR_REF } };
      }
    }
  }
  return document;
}

/** 503 SERVER_BUSY of the write admission: its Retry-After header and its body (with any other 503 the route declares). */
function documentBusy(responses: NonNullable<OpenAPIObject['paths'][string]['post']>['responses']): void {
  const existing = responses['503'];
  const other = existing && !('$ref' in existing) ? existing.description : undefined;
  responses['503'] = {
    description: [
      'SERVER_BUSY: too many changes are in progress; nothing was done, send it again after Retry-After seconds',
      ...(other ? [other] : []),
    ].join('; or '),
    headers: {
      'Retry-After': {
        description: 'seconds to wait before sending the request again',
        schema: { type: 'integer', example: BUSY_RETRY_AFTER_SECONDS },
      },
    },
    content: { 'application/json': { schema: ERROR_REF, example: BUSY } },
  };
}
