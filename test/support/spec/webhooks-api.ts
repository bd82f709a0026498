/**
 * The Webhooks API v1 (register, list, delete), which is in neither spec file. Schemas from its
 * official documentation — the API reference at https://developer.vippsmobilepay.com/api/webhooks
 * (webhooks-swagger-id.yaml), as generated into the official SDK's types
 * (@vippsmobilepay/sdk generated_types/webhooks: RegisterRequest, RegisterResponse, QueryResponse,
 * Webhook, ProblemDetails) — closed like the strict spec copies: a property they do not define fails.
 * Documented answers: register 201 (400), list 200 (400), delete 204 without a body (400).
 */
const PROBLEM_DETAILS = {
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { type: ['string', 'null'] },
    title: { type: ['string', 'null'] },
    status: { type: ['integer', 'null'] },
    detail: { type: ['string', 'null'] },
    instance: { type: ['string', 'null'] },
    traceId: { type: ['string', 'null'] },
    extraDetails: {
      type: ['array', 'null'],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'reason'],
        properties: { name: { type: 'string' }, reason: { type: 'string' } },
      },
    },
  },
} as const;

const WEBHOOK = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'url', 'events'],
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    events: { type: 'array', items: { type: 'string' } },
  },
} as const;

export interface WebhooksOperation {
  operation: 'registerWebhook' | 'listWebhooks' | 'deleteWebhook';
  /** The request body's schema; undefined: the operation takes none. */
  request?: object;
  /** Answers by status; `null`: documented without a body. */
  answers: Record<number, object | null>;
}

const REGISTER: WebhooksOperation = {
  operation: 'registerWebhook',
  request: {
    type: 'object',
    additionalProperties: false,
    required: ['url', 'events'],
    properties: { url: { type: 'string' }, events: { type: 'array', items: { type: 'string' } } },
  },
  answers: {
    201: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'secret'],
      properties: { id: { type: 'string' }, secret: { type: 'string' } },
    },
    400: PROBLEM_DETAILS,
  },
};

const LIST: WebhooksOperation = {
  operation: 'listWebhooks',
  answers: {
    200: {
      type: 'object',
      additionalProperties: false,
      required: ['webhooks'],
      properties: { webhooks: { type: 'array', items: WEBHOOK } },
    },
    400: PROBLEM_DETAILS,
  },
};

const DELETE: WebhooksOperation = {
  operation: 'deleteWebhook',
  answers: { 204: null, 400: PROBLEM_DETAILS },
};

/** The documented answer shape for errors the reference lists nowhere (known-gaps.ts `like`). */
export const WEBHOOKS_PROBLEM = PROBLEM_DETAILS;

/** The operation a request is for, or undefined when the Webhooks API has no such operation. */
export function webhooksOperation(method: string, path: string): WebhooksOperation | undefined {
  if (path === '/webhooks/v1/webhooks') {
    if (method === 'POST') return REGISTER;
    if (method === 'GET') return LIST;
  }
  if (method === 'DELETE' && /^\/webhooks\/v1\/webhooks\/[^/]+$/.test(path)) return DELETE;
  return undefined;
}

/** Headers the reference requires on every request (names as Node gives them, lower case). */
export const WEBHOOKS_REQUEST_HEADERS = ['authorization', 'ocp-apim-subscription-key'] as const;
