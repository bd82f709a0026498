import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { saveWithDialog } from '../../../src/main/windows/save-dialog';
import { electronFake } from '../../setup/electron-mock';

beforeEach(() => electronFake.reset());

it('writes an export where the user chose, owner-only; a closed dialog writes nothing', async () => {
  const target = join(mkdtempSync(join(tmpdir(), 'pos-save-')), 'day.csv');
  const save = saveWithDialog();
  electronFake.dialog.nextSavePath = target;
  expect(await save({ filename: 'day-2026-11-25.csv', data: Buffer.from('a;b\n') })).toBe(target);
  expect(readFileSync(target, 'utf8')).toBe('a;b\n');
  expect(statSync(target).mode & 0o777).toBe(0o600);
  expect(electronFake.dialog.saveRequests[0]).toMatchObject({ filters: [{ extensions: ['csv'] }] });

  electronFake.dialog.nextSavePath = null;
  expect(await save({ filename: 'bundle.zip', data: Buffer.from('zip') })).toBeNull();
});
