import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Journal, openJournal } from '../../../src/main/journal';
import { MIGRATIONS } from '../../../src/main/journal/migrations';
import { silentLogger } from '../../../src/main/log';
import { openStaffTools } from '../../../src/main/staff/tools';
import { paymentRow } from '../journal/fixtures';

let dir: string | undefined;
let journal: Journal | undefined;
afterEach(() => {
  journal?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  journal = dir = undefined;
});

function openFresh(migrations = MIGRATIONS): Journal {
  dir = mkdtempSync(join(tmpdir(), 'pos-tools-'));
  journal = openJournal(join(dir, 'journal.sqlite'), { migrations });
  return journal;
}

const toolsOn = (j: Journal) =>
  openStaffTools({ journal: j, environment: 'training', logger: silentLogger, alert: () => {} });

describe('staff tools on the journal connection', () => {
  it("work through the journal's own connection and leave it open when they stop", async () => {
    const j = openFresh();
    const tools = await toolsOn(j);
    expect(tools.staff.session().bootstrapNeeded).toBe(false); // the training manager was written
    tools.stop();
    const sale = paymentRow();
    j.payments.insert(sale);
    expect(j.payments.get(sale.reference)).toEqual(sale);
    expect(tools.staff.list().map((m) => m.role)).toEqual(['manager']);
  });

  it('refuse to start on a journal without the staff tables', async () => {
    const j = openFresh(MIGRATIONS.filter((m) => m.id < 100));
    await expect(toolsOn(j)).rejects.toMatchObject({ code: 'JOURNAL', message: /no staff tables/ });
  });
});
