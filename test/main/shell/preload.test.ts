import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_LAYOUT, EV, EVENT_LAYOUT, type PosApi } from '../../../src/preload/contract';
import { electronFake } from '../../setup/electron-mock';

let pos: PosApi;

beforeAll(async () => {
  electronFake.reset();
  vi.resetModules();
  await import('../../../src/preload/index');
  pos = electronFake.contextBridge.exposed.get('pos') as PosApi;
});

describe('preload', () => {
  it('exposes only window.pos, shaped by the contract layout', () => {
    expect([...electronFake.contextBridge.exposed.keys()]).toEqual(['pos']);
    expect(Object.keys(pos).sort()).toEqual([...Object.keys(API_LAYOUT), 'events'].sort());
    for (const [group, methods] of Object.entries(API_LAYOUT)) {
      expect(Object.keys((pos as unknown as Record<string, object>)[group]!).sort()).toEqual(
        Object.keys(methods).sort(),
      );
    }
    expect(Object.keys(pos.events).sort()).toEqual(Object.keys(EVENT_LAYOUT).sort());
  });

  it('never hands out ipcRenderer or a generic invoke', () => {
    const seen = new Set<unknown>();
    const walk = (value: unknown) => {
      if (value === electronFake.ipcRenderer) throw new Error('ipcRenderer exposed');
      if (typeof value !== 'object' || value === null || seen.has(value)) return;
      seen.add(value);
      for (const [key, child] of Object.entries(value)) {
        expect(['invoke', 'send', 'on', 'ipcRenderer', 'sendSync']).not.toContain(key);
        walk(child);
      }
    };
    walk(pos);
  });

  it('sends each call on its own channel with exactly one request object', async () => {
    for (const [group, methods] of Object.entries(API_LAYOUT)) {
      for (const [method, channel] of Object.entries(methods)) {
        electronFake.ipcRenderer.invocations.length = 0;
        const fn = (pos as unknown as Record<string, Record<string, (req?: unknown) => Promise<unknown>>>)[
          group
        ]![method]!;
        await fn({ reference: 'pos1-x-000001' });
        await fn();
        expect(electronFake.ipcRenderer.invocations).toEqual([
          { channel, args: [{ reference: 'pos1-x-000001' }] },
          { channel, args: [{}] },
        ]);
      }
    }
  });

  it('resolves with what main answered', async () => {
    electronFake.ipcRenderer.reply = () => ({
      ok: false,
      error: { code: 'RECOVERING', message: 'wait', retryable: true },
    });
    expect(await pos.payment.active()).toEqual({
      ok: false,
      error: { code: 'RECOVERING', message: 'wait', retryable: true },
    });
  });

  it('subscriptions pass the payload only and unsubscribe', () => {
    const received: unknown[] = [];
    const off = pos.events.onAlert((alert) => received.push(alert));
    const alert = { kind: 'ATTENTION', message: 'Check payment' };
    electronFake.ipcRenderer.emit(EV.alert, { sender: 'the IpcRendererEvent' }, alert);
    expect(received).toEqual([alert]);
    off();
    electronFake.ipcRenderer.emit(EV.alert, { sender: 'x' }, alert);
    expect(received).toEqual([alert]);
    expect(electronFake.ipcRenderer.listenerCount(EV.alert)).toBe(0);
  });
});
