/**
 * Issue 11 §4: redaction by value. Each planted value is hidden in a log message, nested fields,
 * an array, an Error's message, its cause, its stack and its own fields, then sent through every
 * sink: the log, the support bundle's re-redaction and the error envelope the renderer receives.
 * None may come out; amounts, references and dates must stay readable.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PosFailure } from '../../../src/main/errors';
import type { HandlerMap } from '../../../src/main/ipc/handler';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { createLogger } from '../../../src/main/log';
import { rememberSecrets } from '../../../src/main/redaction';
import { redactJson, redactLogLine } from '../../../src/main/support/redact-text';

const CONFIGURED_SECRET = 'Zk9vQmFyQmF6U2VjcmV0LXZhbHVl';
rememberSecrets([CONFIGURED_SECRET]);

/** [label, planted text, what must not appear]. Phones are also checked as a bare digit run. */
const PLANTED: Array<[string, string, string]> = [
  ['phone, +CC grouped', 'call +47 912 34 567 now', '912 34 567'],
  ['phone, +CC packed', 'customer +4791234567 not found', '4791234567'],
  ['phone, 00 prefix', 'tel 0047 91234567.', '91234567'],
  ['phone, national 8 digits', 'phone 91234567', '91234567'],
  ['phone, DK pairs', 'ring +45 12 34 56 78', '12 34 56 78'],
  ['phone, FI (+358)', 'soita (+358) 40 123 4567', '40 123 4567'],
  ['bearer', 'Authorization: Bearer abc.DEF-ghi_123xyz', 'abc.DEF-ghi_123xyz'],
  ['basic', 'authorization=Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA=='],
  ['client_secret assignment', 'POST failed client_secret=S3cr3tValue!x&grant=1', 'S3cr3tValue!x'],
  [
    'subscription key header',
    'Ocp-Apim-Subscription-Key: 0f9e8d7c6b5a49382716a5b4c3d2e1f0',
    '0f9e8d7c6b5a4938',
  ],
  ['subscription key JSON', '{"subscription key": "abcd1234efgh5678"}', 'abcd1234efgh5678'],
  ['JWT', 'token was eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwb3MifQ.c2lnbmF0dXJlLXBhcnQ', 'eyJzdWIiOiJwb3MifQ'],
  ['personal QR', 'scanned https://qr.vipps.no/28/2/01/031/4791234567?v=1 ok', 'qr.vipps.no/28/2/01/031'],
  ['configured secret', `echoed ${CONFIGURED_SECRET} back`, CONFIGURED_SECRET],
];

/** Things a support engineer needs to read: never masked. */
const READABLE = [
  'pos1-20261130-0001-ab12',
  '2026-11-30T10:00:00.000Z',
  'NOK 1 234,50',
  '3f2a1b4c-77b4-4d2e-9a61-0c5e8b2d4f10',
  'amount 4990',
  'msn 654321',
];
const AMOUNT = 55_500_000;

/** The planted text in every place a value can hide. */
function carrier(text: string) {
  const cause = new Error(`upstream said: ${text}`);
  const error = new Error(`request failed: ${text}`, { cause });
  error.stack = `Error: request failed\n    at handler (${text})\n    at run (file.ts:1:1)`;
  Object.assign(error, { response: { body: text } });
  return {
    message: `attempt: ${text}`,
    fields: { note: text, nested: { deeper: [text, { again: text }] }, error, amount: AMOUNT },
    error,
  };
}

function assertClean(output: string, [label, , needle]: [string, string, string]) {
  expect(output, label).not.toContain(needle);
  const digits = needle.replace(/\D/g, '');
  if (label.startsWith('phone')) expect(output.replace(/[^\d\n]/g, ''), label).not.toContain(digits);
}

const sinks: Record<string, (text: string) => Promise<string>> = {
  async log(text) {
    const lines: string[] = [];
    const { message, fields } = carrier(text);
    createLogger((line) => lines.push(line), 'test', 'debug').error(message, fields);
    return lines.join('\n');
  },
  async 'support bundle'(text) {
    const { message, fields } = carrier(text);
    // Lines an older version (or a hand edit) left unredacted, and journal rows, re-redacted.
    const raw = JSON.stringify({ msg: message, ...fields, error: { message: text, stack: text } });
    return [redactLogLine(raw, []), redactLogLine(`plain ${text}`, []), redactJson(fields, [])].join('\n');
  },
  async 'error envelope'(text) {
    const logged: string[] = [];
    const { error } = carrier(text);
    const handlers = {
      'pos:failure': {
        schema: z.unknown(),
        handle: () => {
          throw new PosFailure('UPSTREAM', `Vipps said: ${text}`, {
            details: { vippsDetail: text, nested: { text } } as never,
          });
        },
      },
      'pos:crash': { schema: z.unknown(), handle: () => Promise.reject(error) },
      'pos:strict': { schema: z.object({ note: z.literal('x') }), handle: () => null },
    } as unknown as HandlerMap;
    const logger = createLogger((line) => logged.push(line));
    const results = [
      await invokeHandler(handlers, 'pos:failure', {}, logger),
      await invokeHandler(handlers, 'pos:crash', {}, logger),
      await invokeHandler(handlers, 'pos:strict', { note: text }, logger),
    ];
    return [...results.map((r) => JSON.stringify(r)), ...logged].join('\n');
  },
};

describe.each(Object.entries(sinks))('redaction by value: %s', (_, sink) => {
  it.each(PLANTED)('%s never comes out', async (...row) => {
    assertClean(await sink(row[1]), row);
  });

  it('keeps amounts, references, dates and ids readable', async () => {
    const output = await sink(READABLE.join(' | '));
    for (const text of READABLE) expect(output).toContain(text);
  });
});

it('keeps a numeric amount in a log field as it is', async () => {
  const lines: string[] = [];
  createLogger((line) => lines.push(line)).info('captured', { amount: AMOUNT, reference: READABLE[0] });
  expect(JSON.parse(lines[0]!)).toMatchObject({ amount: AMOUNT, reference: READABLE[0] });
});
