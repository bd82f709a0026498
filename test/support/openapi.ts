/**
 * In-process validation of Vipps traffic against the official OpenAPI files in ../shared/vipps-specs.
 * A request our client sends, or a response the simulator returns, that the spec does not allow
 * fails the test that made it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import addFormats from 'ajv-formats';
import OpenAPIBackend from 'openapi-backend';

function specsDir(): string {
  const candidates = [
    process.env.VIPPS_SPECS_DIR,
    resolve(__dirname, '../../../shared/vipps-specs'),
    resolve(process.cwd(), '../shared/vipps-specs'),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(resolve(p, 'epayment.v1.local.yml')));
  if (!found) throw new Error(`Vipps specs not found; looked in ${candidates.join(', ')}`);
  return found;
}

export type SpecName = 'epayment' | 'order-management';

const files: Record<SpecName, string> = {
  epayment: 'epayment.v1.local.yml',
  'order-management': 'order-management.yaml',
};

const backends = new Map<SpecName, Promise<OpenAPIBackend>>();

function backend(name: SpecName): Promise<OpenAPIBackend> {
  let b = backends.get(name);
  if (!b) {
    const api = new OpenAPIBackend({
      definition: resolve(specsDir(), files[name]),
      quick: false,
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

/** Returns the operationId the request matched, or throws with every validation error. */
export async function validateRequest(spec: SpecName, req: RecordedRequest): Promise<string> {
  const api = await backend(spec);
  // The Order Management spec's servers end in /order-management; its paths start below that.
  const path = spec === 'order-management' ? req.path.replace(/^\/order-management/, '') : req.path;
  const operation = api.matchOperation({ method: req.method, path, headers: req.headers });
  if (!operation?.operationId) throw new Error(`${spec}: no operation for ${req.method} ${req.path}`);
  const result = api.validateRequest(
    { method: req.method, path, headers: req.headers, query: req.query ?? {}, body: req.body },
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
