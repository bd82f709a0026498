/**
 * Strict copies of the official OpenAPI files in ../shared/vipps-specs (read-only), made at test
 * time: in request bodies and answers, every object schema that lists its properties and says nothing
 * about others gets `additionalProperties: false` (a property the spec does not define fails; the few
 * the current docs added are declared first, from known-gaps.ts), the PaymentEvent requires the
 * `name` it defines instead of an undefined `paymentAction`, and the ePayment
 * `Customer` oneOf gets what its prose says — exactly one of its three fields — by making each
 * alternative's field `required` (as published, every customer matches all three alternatives).
 * The ePayment `Reference` follows the current API (8–64 characters, ../shared/vipps-api-notes.md)
 * rather than the local 1.4.1 file's 50: the simulator accepts what Vipps accepts today.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ANSWER_PROPERTY_GAPS } from './known-gaps';

export type SpecName = 'epayment' | 'order-management' | 'report';

const FILES: Record<SpecName, string> = {
  epayment: 'epayment.v1.local.yml',
  'order-management': 'order-management.yaml',
  report: 'report-api-2.0.yaml',
};

/**
 * The Report API file names only getLedgers; its two report operations get the ids the app's
 * client logs them under, so the traffic check can name them.
 */
const REPORT_OPERATION_IDS: Record<string, string> = {
  '/report/v2/ledgers/{ledgerId}/{topic}/dates/{ledgerDate}': 'getReportByDate',
  '/report/v2/ledgers/{ledgerId}/{topic}/feed': 'getReportFeed',
};

export function specsDir(): string {
  const candidates = [
    process.env.VIPPS_SPECS_DIR,
    // Not in an ES module bundle (the benchmark's): there the two others find it.
    typeof __dirname === 'string' ? resolve(__dirname, '../../../../shared/vipps-specs') : undefined,
    resolve(process.cwd(), '../shared/vipps-specs'),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(resolve(p, FILES.epayment)));
  if (!found) throw new Error(`Vipps specs not found; looked in ${candidates.join(', ')}`);
  return found;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Closes every object schema below `node` (schemas only: a `properties` map's keys are names). */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) closeObjects(item);
    return;
  }
  if (!isObject(node)) return;
  if (isObject(node.properties) && node.additionalProperties === undefined && !node.allOf) {
    node.additionalProperties = false;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isObject(value))
      for (const schema of Object.values(value)) closeObjects(schema);
    else if (key !== 'example' && key !== 'examples') closeObjects(value);
  }
}

/** The Customer alternatives and the one field each stands for. */
const CUSTOMER_FIELDS: Record<string, string> = {
  CustomerPhoneNumber: 'phoneNumber',
  PersonalQrCode: 'personalQr',
  CustomerToken: 'customerToken',
};

function load(file: string): Json {
  return parse(readFileSync(resolve(specsDir(), file), 'utf8')) as Json;
}

function rewriteRefs(node: unknown, rewrite: (ref: string) => string): void {
  if (Array.isArray(node)) for (const item of node) rewriteRefs(item, rewrite);
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') node.$ref = rewrite(value);
      else rewriteRefs(value, rewrite);
    }
  }
}

/**
 * The local ePayment file points into another file (`./order-management-2.3.24.yaml#/…`): its
 * schemas are copied in under a prefix, so the strict copy is one self-contained document.
 */
function inlineExternalRefs(doc: Json): void {
  const schemas = (doc.components as Json).schemas as Json;
  const copied = new Set<string>();
  rewriteRefs(doc, (ref) => {
    const m = /^\.\/([^#]+)#\/components\/schemas\/(.+)$/.exec(ref);
    if (!m) return ref;
    const [, file, schema] = m as unknown as [string, string, string];
    const prefix = `${file.replace(/\W/g, '_')}__`;
    if (!copied.has(file)) {
      copied.add(file);
      const external = ((load(file).components as Json).schemas ?? {}) as Json;
      rewriteRefs(external, (r) => r.replace('#/components/schemas/', `#/components/schemas/${prefix}`));
      for (const [k, v] of Object.entries(external)) schemas[`${prefix}${k}`] = v;
    }
    return `#/components/schemas/${prefix}${schema}`;
  });
}

/** A copy of `node` with every local schema $ref replaced by (a copy of) what it points to. */
function deref(node: unknown, schemas: Json, depth = 0): unknown {
  if (depth > 40) throw new Error('schema nesting too deep (a cycle?)');
  if (Array.isArray(node)) return node.map((n) => deref(n, schemas, depth + 1));
  if (!isObject(node)) return node;
  const ref = node.$ref;
  if (typeof ref === 'string') {
    const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
    if (!name || !(name in schemas)) throw new Error(`unresolved $ref ${ref}`);
    return deref(schemas[name], schemas, depth + 1);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, deref(v, schemas, depth + 1)]));
}

/**
 * Every JSON body of an operation: its request body and each of its answers. An answer given as a
 * `$ref` to components/responses is replaced by its own copy first, so closing it closes this
 * operation's answer only.
 */
function* bodies(op: unknown, responses: Json): Generator<Json> {
  if (!isObject(op)) return;
  const media: unknown[] = [];
  if (isObject(op.requestBody)) media.push(op.requestBody.content);
  if (isObject(op.responses)) {
    for (const [status, r] of Object.entries(op.responses)) {
      const name =
        isObject(r) && typeof r.$ref === 'string'
          ? /^#\/components\/responses\/(.+)$/.exec(r.$ref)?.[1]
          : undefined;
      if (isObject(r) && r.$ref !== undefined && !(name && isObject(responses[name])))
        throw new Error(`unresolved response $ref ${String(r.$ref)}`);
      const answer = name ? structuredClone(responses[name]) : r;
      op.responses[status] = answer;
      if (isObject(answer) && isObject(answer.content)) {
        // The validator (openapi-backend) checks application/json answers only: a problem+json
        // answer would pass whatever it held. It gets the same schema under application/json.
        const problem = answer.content['application/problem+json'];
        if (problem && !answer.content['application/json']) answer.content['application/json'] = problem;
        media.push(answer.content);
      }
    }
  }
  for (const m of media) {
    if (!isObject(m)) continue;
    for (const content of Object.values(m)) if (isObject(content) && content.schema) yield content;
  }
}

/**
 * Request bodies and answers are closed: what we send, and what the simulator answers in Vipps'
 * place, must be exactly what the spec defines — plus the properties the current documentation
 * added since the published file, each listed with its source in ANSWER_PROPERTY_GAPS
 * (known-gaps.ts), which are declared in the strict copy before it is closed.
 */
function closeBodies(doc: Json): void {
  const schemas = (doc.components as Json).schemas as Json;
  const responses = ((doc.components as Json).responses ?? {}) as Json;
  for (const ops of Object.values(doc.paths as Record<string, Json>)) {
    for (const op of Object.values(ops)) {
      for (const content of bodies(op, responses)) {
        content.schema = deref(content.schema, schemas);
        closeObjects(content.schema);
      }
    }
  }
}

/** Declares the documented-later answer properties (known-gaps.ts) on the schemas they belong to. */
function declareAnswerGaps(name: SpecName, doc: Json): void {
  const schemas = (doc.components as Json).schemas as Record<string, Json>;
  for (const gap of ANSWER_PROPERTY_GAPS.filter((g) => g.api === name)) {
    const s = schemas[gap.schema];
    if (!s || !isObject(s.properties))
      throw new Error(`${name} spec changed: schema ${gap.schema} is gone; review ANSWER_PROPERTY_GAPS`);
    if (gap.property in s.properties)
      throw new Error(
        `${name} spec now defines ${gap.schema}.${gap.property}; remove it from ANSWER_PROPERTY_GAPS`,
      );
    s.properties[gap.property] = gap.schemaOfProperty;
  }
}

/**
 * The 1.4.1 PaymentEvent lists a `paymentAction` it never defines as required and leaves out
 * `name`, which it defines (../shared/vipps-api-notes.md; the SDK's generated types and the current
 * docs have `name` only): the strict copy requires `name` instead.
 */
function correctPaymentEvent(schemas: Record<string, Json>): void {
  const event = schemas.PaymentEvent;
  const required = event?.required;
  if (!event || !Array.isArray(required) || !required.includes('paymentAction') || required.includes('name'))
    throw new Error('ePayment spec changed: review the PaymentEvent correction');
  event.required = required.map((r) => (r === 'paymentAction' ? 'name' : r));
}

export function strictSpec(name: SpecName): Json {
  const doc = load(FILES[name]);
  inlineExternalRefs(doc);
  if (name === 'epayment') {
    const schemas = (doc.components as Json).schemas as Record<string, Json>;
    for (const [schema, field] of Object.entries(CUSTOMER_FIELDS)) {
      const s = schemas[schema];
      if (!s || !isObject(s.properties) || !(field in s.properties))
        throw new Error(`ePayment spec changed: ${schema}.${field} is gone; review the Customer correction`);
      s.required = [field];
    }
    const parameters = (doc.components as Json).parameters as Record<string, { schema: Json }>;
    for (const reference of [schemas.Reference, parameters['Payment-Reference-ID']?.schema]) {
      if (reference?.maxLength !== 50)
        throw new Error('ePayment spec changed: review the Reference length correction');
      Object.assign(reference, { maxLength: 64, pattern: '^[a-zA-Z0-9-]{8,64}$' });
    }
    correctPaymentEvent(schemas);
  }
  if (name === 'report') {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    for (const [path, id] of Object.entries(REPORT_OPERATION_IDS)) {
      const get = paths[path]?.get;
      if (!get) throw new Error(`Report API spec changed: ${path} is gone`);
      get.operationId ??= id;
    }
  }
  declareAnswerGaps(name, doc);
  closeBodies(doc);
  return doc;
}
