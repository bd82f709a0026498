/**
 * A fetch for the Vipps client that checks every request it sends against the official OpenAPI
 * spec before it goes out, and every answer against the spec before the client sees it. Problems
 * are collected (not thrown, which would look like a network error to the client) and the test
 * asserts there were none.
 */
import {
  type RecordedRequest,
  type SpecName,
  validateRequest,
  validateResponse,
} from '../../support/openapi';

export interface SpecCheckingFetch {
  fetch: typeof fetch;
  /** Everything the spec did not allow, in plain words. */
  violations: string[];
  /** "operationId status" for every exchange that was validated. */
  seen: string[];
}

const TOKEN_HEADERS = ['client_id', 'client_secret', 'ocp-apim-subscription-key'];
const TOKEN_FIELDS = ['token_type', 'expires_in', 'expires_on', 'access_token'];

function specFor(path: string): SpecName | null {
  if (path.startsWith('/order-management/')) return 'order-management';
  if (path.startsWith('/epayment/')) return 'epayment';
  return null;
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function specCheckingFetch(): SpecCheckingFetch {
  const violations: string[] = [];
  const seen: string[] = [];

  const checked: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const headers = Object.fromEntries(request.headers.entries());
    const recorded: RecordedRequest = {
      method: request.method,
      path,
      headers,
      body: parse(await request.clone().text()),
    };
    const spec = specFor(path);
    let operationId: string | undefined;
    if (spec) {
      try {
        operationId = await checkRequest(spec, recorded);
      } catch (error) {
        violations.push(`request ${request.method} ${path}: ${(error as Error).message}`);
      }
    } else if (path === '/accesstoken/get') {
      operationId = 'fetchAccessToken';
      for (const name of TOKEN_HEADERS) {
        if (!headers[name]) violations.push(`token request without ${name}`);
      }
    } else {
      violations.push(`request to a path in no spec: ${request.method} ${path}`);
    }

    const response = await fetch(request);
    const body = parse(await response.clone().text());
    if (operationId) seen.push(`${operationId} ${response.status}`);
    if (spec && operationId) {
      try {
        await validateResponse(spec, operationId, response.status, body);
      } catch (error) {
        violations.push(`response ${operationId} ${response.status}: ${(error as Error).message}`);
      }
    } else if (operationId === 'fetchAccessToken' && response.status === 200) {
      // The Access Token API is in neither spec file: its values are all strings.
      for (const field of TOKEN_FIELDS) {
        if (typeof (body as Record<string, unknown>)[field] !== 'string') {
          violations.push(`token response field ${field} is not a string`);
        }
      }
    }
    return response;
  };

  return { fetch: checked, violations, seen };
}

/**
 * validateRequest, minus one known spec bug: ePayment 1.4.1's `Customer` is a oneOf of three
 * objects without `required`, so any customer matches several branches and fails oneOf. A customer
 * object with exactly one of the documented fields is what the spec's prose asks for.
 */
async function checkRequest(spec: SpecName, req: RecordedRequest): Promise<string> {
  try {
    return await validateRequest(spec, req);
  } catch (error) {
    const message = (error as Error).message;
    const json = /request invalid: (\[[\s\S]*\])$/.exec(message)?.[1];
    const errors = json ? (JSON.parse(json) as Array<{ instancePath: string; keyword: string }>) : [];
    const customerPaths = new Set(['/requestBody/customer']);
    const onlyCustomerOneOf =
      errors.length > 0 && errors.every((e) => customerPaths.has(e.instancePath) && e.keyword === 'oneOf');
    const customer = (req.body as { customer?: Record<string, unknown> } | undefined)?.customer ?? {};
    if (onlyCustomerOneOf && Object.keys(customer).length === 1) {
      const operationId = /^(epayment|order-management) (\S+):/.exec(message)?.[2];
      if (operationId) return operationId;
    }
    throw error;
  }
}
