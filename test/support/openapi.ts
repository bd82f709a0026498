/**
 * In-process validation of Vipps traffic against strict copies of the official OpenAPI files in
 * ../shared/vipps-specs (spec/strict-spec.ts). Compiled once per process.
 * A request our client sends, or a response the simulator returns, that the spec does not allow
 * fails the test that made it.
 */
import addFormats from 'ajv-formats';
import OpenAPIBackend from 'openapi-backend';
import { type SpecName, strictSpec } from './spec/strict-spec';

export type { SpecName } from './spec/strict-spec';

const backends = new Map<SpecName, Promise<OpenAPIBackend>>();

function backend(name: SpecName): Promise<OpenAPIBackend> {
  let b = backends.get(name);
  if (!b) {
    const api = new OpenAPIBackend({
      // The strict copy (no undeclared properties, Customer corrected): see spec/strict-spec.ts.
      definition: strictSpec(name) as never,
      // quick: validators are compiled when first used (thousands of checks, 2 shared cores) and the
      // document is not re-validated against the OpenAPI meta-schema on every start.
      quick: true,
      validate: true,
      strict: false,
      // The spec invents format names ("IATA 2-letter airline code"); unknown formats are ignored quietly.
      ajvOpts: { strict: false, logger: false },
      customizeAjv: (ajv) => {
        addFormats(ajv);
        return ajv;
      },
    });
    b = api.init().then(() => api);
    backends.set(name, b);
  }
  return b;
}

export interface RecordedRequest {
  method: string;
  /** Path relative to the API's server, e.g. /epayment/v1/payments/abc12345 */
  path: string;
  headers: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

const onTheWire = (body: unknown) => (body === undefined ? undefined : JSON.parse(JSON.stringify(body)));

/** Returns the operationId the request matched, or throws with every validation error. */
export async function validateRequest(spec: SpecName, req: RecordedRequest): Promise<string> {
  const api = await backend(spec);
  // The Order Management spec's servers end in /order-management; its paths start below that.
  const path = spec === 'order-management' ? req.path.replace(/^\/order-management/, '') : req.path;
  const operation = api.matchOperation({ method: req.method, path, headers: req.headers });
  if (!operation?.operationId) throw new Error(`${spec}: no operation for ${req.method} ${req.path}`);
  const result = api.validateRequest(
    // What goes on the wire: JSON drops properties set to undefined.
    { method: req.method, path, headers: req.headers, query: req.query ?? {}, body: onTheWire(req.body) },
    operation,
  );
  if (!result.valid) {
    throw new Error(
      `${spec} ${operation.operationId}: request invalid: ${JSON.stringify(result.errors, null, 1)}`,
    );
  }
  return operation.operationId;
}

/** Throws when the response body does not match the spec for that operation and status. */
export function backendFor(name: SpecName): Promise<OpenAPIBackend> {
  return backend(name);
}

export async function validateResponse(
  spec: SpecName,
  operationId: string,
  status: number,
  body: unknown,
): Promise<void> {
  const api = await backend(spec);
  const result = api.validateResponse(body, operationId, status);
  if (!result.valid) {
    throw new Error(
      `${spec} ${operationId} ${status}: response invalid: ${JSON.stringify(result.errors, null, 1)}`,
    );
  }
}
