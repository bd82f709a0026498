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
import { tokenAnswerErrors } from '../../support/spec/traffic-check';

export interface SpecCheckingFetch {
  fetch: typeof fetch;
  /** Everything the spec did not allow, in plain words. */
  violations: string[];
  /** "operationId status" for every exchange that was validated. */
  seen: string[];
}

const TOKEN_HEADERS = ['client_id', 'client_secret', 'ocp-apim-subscription-key'];

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
      // The Access Token API is in neither spec file: its documented answer (spec/access-token.ts).
      const errors = tokenAnswerErrors(body);
      if (errors) violations.push(`token response: ${errors}`);
    }
    return response;
  };

  return { fetch: checked, violations, seen };
}

/** The strict copy of the spec (Customer corrected, no undeclared properties) needs no waiver. */
function checkRequest(spec: SpecName, req: RecordedRequest): Promise<string> {
  return validateRequest(spec, req);
}
