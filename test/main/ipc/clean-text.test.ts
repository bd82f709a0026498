/**
 * Issue 11 §5: text that reaches Vipps and the journal is one clean text. Lone surrogates,
 * control and bidi characters are refused at the IPC boundary with VALIDATION naming the field;
 * everything else is NFC-normalised, and what the journal keeps is exactly what Vipps received.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textProblem } from '../../../src/main/ipc/clean-text';
import { REQUEST_SCHEMAS } from '../../../src/main/ipc/schemas';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import { type StaffCore, startStaffCore } from '../staff/staff-core';

/** Text with everything that can go wrong in it: surrogate halves, controls, bidi, combining marks. */
const NASTY = [
  '\ud800',
  '\udfff',
  '\u0000',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u202e',
  '\u2066',
  '\u200f',
  '\u061c',
];
const PIECES = ['a', 'Å', 'e\u0301', 'A\u030a', 'ø', '€', '😀', ' ', 'ﬁ', '\u1e9b\u0323', 'Kaffe', ...NASTY];
const anyText = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const utf8RoundTrip = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

describe('the clean-text rule in the shared schemas', () => {
  it('accepts only well-formed, control- and bidi-free text, and hands on its NFC form', () => {
    fc.assert(
      fc.property(anyText, (description) => {
        const parsed = REQUEST_SCHEMAS['pos:payment:start'].safeParse({
          amount: 100,
          flow: 'QR',
          description,
        });
        const nfc = description.normalize('NFC');
        // Zod counts code points, so an emoji is one character of the 100.
        const fits = [...nfc].length >= 3 && [...nfc].length <= 100;
        if (textProblem(description) !== null || !fits) {
          expect(parsed.success).toBe(false);
          return;
        }
        expect(parsed.success).toBe(true);
        const sent = parsed.data!.description!;
        expect(sent).toBe(nfc);
        // The same text whether it goes over HTTP as UTF-8 JSON or into SQLite.
        expect(utf8RoundTrip(sent)).toBe(sent);
        expect(JSON.parse(JSON.stringify({ sent })).sent).toBe(sent);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['pos:payment:start', { amount: 100, flow: 'QR', description: 'Kaffe \u202eesoj' }, 'description'],
    ['pos:payment:start', { amount: 100, flow: 'QR', description: 'bad \ud800 half' }, 'description'],
    [
      'pos:payment:start',
      { amount: 100, flow: 'QR', lines: [{ name: 'Bolle\u2066', unitPrice: 100, quantity: 1 }] },
      'lines.0.name',
    ],
    [
      'pos:payment:refund',
      { reference: 'pos1-20261130-0001', amount: 100, reason: 'ok\u0007', requestId: 'req-00000001' },
      'reason',
    ],
    ['pos:staff:bootstrap', { name: 'Kari\u200f', pin: '123456' }, 'name'],
  ] as const)('%s refuses dirty text in %j, naming the field', async (channel, req, field) => {
    const c = await core();
    const result = await c.call(channel, req);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field }, message: expect.stringContaining(field) },
    });
  });
});

let simulator: Simulator;
let staffCore: StaffCore | undefined;
async function core(): Promise<StaffCore> {
  staffCore ??= await startStaffCore({ baseUrlOverride: simulator.url });
  return staffCore;
}
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await staffCore?.close();
  await simulator.close();
});

/** Cancels the sale and waits until it is final, so the counter can start the next one. */
async function putAway(c: StaffCore, reference: string): Promise<void> {
  await c.value('pos:payment:cancel', { reference });
  // The counter's active sale is read from the journal: polling pos:payment:get would read Vipps
  // each time and meet the per-reference read window (120 a minute) on a slow machine.
  for (let i = 0; i < 1000; i++) {
    const active = await c.value('pos:payment:active', {});
    if (active?.reference !== reference || active.status === 'CANCELLED') break;
    await new Promise((r) => setTimeout(r, 10));
  }
  await c.value('pos:payment:dismiss', { reference });
}

describe('journaled equals sent', () => {
  it('for any accepted description, the journal row and Vipps hold the same NFC text; a refused one leaves no sale', async () => {
    const c = await core();
    const journal = new Database(join(c.dataDir, 'journal-training.sqlite'), { readonly: true });
    const journaled = journal.prepare('SELECT description FROM payments WHERE reference = ?').pluck();
    const sales = journal.prepare('SELECT count(*) FROM payments').pluck();
    try {
      await fc.assert(
        fc.asyncProperty(anyText, async (description) => {
          const before = sales.get();
          const result = await c.call('pos:payment:start', { amount: 100, flow: 'QR', description });
          if (!result.ok) {
            expect(result.error.code).toBe('VALIDATION');
            expect(sales.get()).toBe(before);
            return;
          }
          const { reference } = result.value;
          const sent = simulator.payments.get(reference)?.paymentDescription;
          expect(sent).toBe(description.normalize('NFC'));
          expect(journaled.get(reference)).toBe(sent);
          expect(textProblem(sent!)).toBeNull();
          await putAway(c, reference);
        }),
        { numRuns: 30 },
      );
    } finally {
      journal.close();
    }
  }, 120_000);
});
