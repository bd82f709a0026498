/**
 * The Access Token API's answer (POST /accesstoken/get), which is in neither spec file. Schema from
 * its official documentation (https://developer.vippsmobilepay.com/api/access-token, "Request an
 * access token": response 200): seven fields, all strings, the times as digit strings.
 */
export const ACCESS_TOKEN_RESPONSE = {
  type: 'object',
  additionalProperties: false,
  required: [
    'token_type',
    'expires_in',
    'ext_expires_in',
    'expires_on',
    'not_before',
    'resource',
    'access_token',
  ],
  properties: {
    token_type: { type: 'string', const: 'Bearer' },
    expires_in: { type: 'string', pattern: '^\\d+$' },
    ext_expires_in: { type: 'string', pattern: '^\\d+$' },
    expires_on: { type: 'string', pattern: '^\\d+$' },
    not_before: { type: 'string', pattern: '^\\d+$' },
    resource: { type: 'string' },
    access_token: { type: 'string', minLength: 1 },
  },
} as const;

/** Headers the same page requires on the request (names as Node gives them, lower case). */
export const ACCESS_TOKEN_REQUEST_HEADERS = [
  'client_id',
  'client_secret',
  'ocp-apim-subscription-key',
] as const;
