/**
 * Vipps answers errors in three shapes, read here into the one VippsProblem the error model uses:
 *
 * - RFC 7807 problem+json (ePayment, Webhooks) and Order Management's ErrorResponse — schemas.ts;
 * - the Access Token API's OAuth error from Azure AD, as the official SDK types it
 *   (`AccessTokenError`): `{ error, error_description, error_codes, trace_id, correlation_id, … }`;
 * - the API gateway's `{ statusCode, message }` (a missing or wrong subscription key);
 * - the Report API's own 401 `{ code, message }` and 500 `{ errorCode, errorMessage, contextId }`
 *   (report-api-2.0.yaml); its other errors are problem+json.
 *
 * The AADSTS code becomes the error code (`vippsErrorCode` "AADSTS7000215"), so support sees the
 * same field whichever layer refused; trace_id becomes traceId. Only the first line of
 * error_description is kept: the rest repeats the ids and a timestamp.
 */
import { z } from 'zod';
import type { VippsProblem } from './types';

const tokenErrorSchema = z.looseObject({
  error: z.string().min(1),
  error_description: z.string().optional(),
  error_codes: z.array(z.number()).optional(),
  trace_id: z.string().optional(),
  correlation_id: z.string().optional(),
});

const gatewayErrorSchema = z.looseObject({
  statusCode: z.number(),
  message: z.string(),
});

const reportUnauthorizedSchema = z.looseObject({ code: z.string(), message: z.string() });

const reportServerErrorSchema = z.looseObject({
  errorCode: z.number(),
  errorMessage: z.string(),
  contextId: z.string().optional(),
});

function firstLine(text: string): string {
  // split always returns at least one part (the whole text when there is no line break).
  return text.split(/\r?\n/)[0]!.trim();
}

export function problemFromTokenError(body: unknown): VippsProblem | undefined {
  const parsed = tokenErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const t = parsed.data;
  const problem: VippsProblem = { title: t.error };
  const detail = t.error_description ? firstLine(t.error_description).replace(/^AADSTS\d+:\s*/, '') : '';
  if (detail) problem.detail = detail;
  if (t.trace_id) problem.traceId = t.trace_id;
  const code = t.error_codes?.[0];
  const details = [
    ...(code !== undefined ? [{ name: 'ErrorCode', reason: `AADSTS${code}` }] : []),
    ...(t.correlation_id ? [{ name: 'correlationId', reason: t.correlation_id }] : []),
  ];
  if (details.length > 0) problem.extraDetails = details;
  return problem;
}

export function problemFromGatewayError(body: unknown): VippsProblem | undefined {
  const parsed = gatewayErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  return { status: parsed.data.statusCode, detail: parsed.data.message };
}

export function problemFromReportError(body: unknown): VippsProblem | undefined {
  const unauthorized = reportUnauthorizedSchema.safeParse(body);
  if (unauthorized.success) return { title: unauthorized.data.code, detail: unauthorized.data.message };
  const server = reportServerErrorSchema.safeParse(body);
  if (!server.success) return undefined;
  const { errorCode, errorMessage, contextId } = server.data;
  return {
    detail: errorMessage,
    ...(contextId ? { traceId: contextId } : {}),
    extraDetails: [{ name: 'ErrorCode', reason: String(errorCode) }],
  };
}
