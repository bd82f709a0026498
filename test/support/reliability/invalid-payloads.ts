/**
 * fast-check arbitraries for requests a channel must refuse. Each payload is invalid BY
 * CONSTRUCTION, read off the channel's own zod schema: either it is not an object, or it carries a
 * key the strict schema does not know (prototype-pollution names among them), or one field holds a
 * value its type or bounds exclude (wrong type, NaN/±Infinity, negative, fractional, over the
 * maximum, a string past its length cap, deep nesting). The other fields hold random JSON.
 */
import fc from 'fast-check';
import type { z } from 'zod';

type AnySchema = z.ZodType & { def: { type: string } };
type Field = AnySchema & {
  def: { type: string; innerType?: Field; entries?: Record<string, string>; checks?: unknown[] };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  maxLength?: number | null;
};

const HUGE = [1_000, 100_000, 1_000_000].map((n) => 'x'.repeat(n));
const POLLUTING = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { deeper: value };
  return value;
}

/** 50 to 10,000 levels of arrays or objects. */
export const deepNesting = fc
  .tuple(fc.integer({ min: 50, max: 10_000 }), fc.boolean())
  .map(([depth, asArray]) => nested(depth, asArray));

const notFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);

/** Never valid for any field, whatever its type: NaN is refused by strings, numbers and enums alike. */
const neverValid = fc.oneof(
  notFinite,
  deepNesting.filter((v) => !Array.isArray(v)),
);

function unwrap(field: Field): Field {
  let f = field;
  while (f.def.type === 'optional' || f.def.type === 'default') f = f.def.innerType!;
  return f;
}

function maxItems(field: Field): number | null {
  for (const check of field.def.checks ?? []) {
    const def = (check as { _zod?: { def?: { check?: string; maximum?: number } } })._zod?.def;
    if (def?.check === 'max_length' && typeof def.maximum === 'number') return def.maximum;
  }
  return null;
}

/** Money and counts are never negative, whatever a schema says: such a schema is the bug to find. */
const NEVER_NEGATIVE = /amount|price|quantity|rate|limit/i;

/** Values the field's type or bounds exclude (and negatives for money and counts, by name). */
export function invalidFor(schemaField: Field, name = ''): fc.Arbitrary<unknown> {
  const field = unwrap(schemaField);
  const notObjectOrString = fc.oneof(fc.constant(null), fc.boolean(), neverValid);
  switch (field.def.type) {
    case 'string': {
      const wrong = fc.oneof(notObjectOrString, fc.integer(), fc.double(), fc.constant({}), fc.constant([]));
      const tooLong = HUGE.filter((s) => field.maxLength != null && s.length > field.maxLength);
      return tooLong.length ? fc.oneof(wrong, fc.constantFrom(...tooLong)) : wrong;
    }
    case 'number': {
      const bounds: number[] = [];
      if (field.minValue != null && Number.isFinite(field.minValue)) bounds.push(field.minValue - 1, -1e12);
      if (field.maxValue != null && Number.isFinite(field.maxValue)) bounds.push(field.maxValue + 1, 2 ** 60);
      if (NEVER_NEGATIVE.test(name)) bounds.push(-1, -0.5, -1e9);
      const outside = bounds.length ? [fc.constantFrom(...bounds)] : [];
      const fractions = field.isInt ? [fc.double({ min: 0.01, max: 1e6, noInteger: true, noNaN: true })] : [];
      return fc.oneof(
        notObjectOrString,
        fc.string(),
        fc.constantFrom('1000', '10,50', ''),
        fc.constant({}),
        fc.constant([]),
        ...outside,
        ...fractions,
      );
    }
    case 'enum': {
      const allowed = new Set(Object.values(field.def.entries ?? {}));
      return fc.oneof(
        notObjectOrString,
        fc.integer(),
        fc.string().filter((s) => !allowed.has(s)),
        fc.constantFrom(...HUGE),
      );
    }
    case 'array': {
      const max = maxItems(field);
      const tooMany = max === null ? [] : [fc.constant(Array.from({ length: max + 1 }, () => null))];
      return fc.oneof(
        notObjectOrString,
        fc.string(),
        fc.integer(),
        fc.constant({}),
        fc.constant([null, NaN]),
        ...tooMany,
      );
    }
    default:
      return neverValid;
  }
}

function shapeOf(schema: AnySchema): Record<string, Field> | null {
  const shape = (schema as unknown as { shape?: Record<string, Field> }).shape;
  return shape && typeof shape === 'object' ? shape : null;
}

/** Anything but a plain object: primitives, NaN, huge strings, arrays, deep nesting. */
const notAnObject = fc.oneof(
  fc.constantFrom(null, undefined, true, 0, -1, ''),
  notFinite,
  fc.string(),
  fc.constantFrom(...HUGE),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  deepNesting.map((v) => [v]),
);

/** Own keys the schema does not know, e.g. a JSON-parsed `__proto__`. */
function withForeignKey(shape: Record<string, Field>): fc.Arbitrary<unknown> {
  const known = Object.keys(shape);
  return fc
    .tuple(
      fc.record(Object.fromEntries(known.map((k) => [k, fc.jsonValue({ maxDepth: 2 })])), {
        requiredKeys: [],
      }),
      fc.oneof(
        fc.constantFrom(...POLLUTING),
        fc.string({ minLength: 1 }).filter((k) => !known.includes(k)),
      ),
      fc.oneof(fc.constant({ polluted: 'yes' }), fc.jsonValue({ maxDepth: 2 }), deepNesting),
    )
    .map(([fields, key, value]) => {
      const payload = { ...(fields as object) };
      // defineProperty makes `__proto__` an own key, as JSON.parse of a hostile request would.
      Object.defineProperty(payload, key, { value, enumerable: true, configurable: true, writable: true });
      return payload;
    });
}

/** One field out of bounds; the others random JSON (or absent). */
function withBadField(shape: Record<string, Field>): fc.Arbitrary<unknown> | null {
  const keys = Object.keys(shape);
  if (keys.length === 0) return null;
  return fc.constantFrom(...keys).chain((key) =>
    fc
      .tuple(
        fc.record(
          Object.fromEntries(keys.filter((k) => k !== key).map((k) => [k, fc.jsonValue({ maxDepth: 2 })])),
          {
            requiredKeys: [],
          },
        ),
        invalidFor(shape[key]!, key),
      )
      .map(([rest, bad]) => ({ ...(rest as object), [key]: bad })),
  );
}

export function invalidPayloads(schema: AnySchema): fc.Arbitrary<unknown> {
  const shape = shapeOf(schema);
  if (!shape) return notAnObject;
  const bad = withBadField(shape);
  return fc.oneof(notAnObject, withForeignKey(shape), ...(bad ? [bad] : []));
}
