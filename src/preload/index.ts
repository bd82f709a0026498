/**
 * The sandboxed preload: builds `window.pos` from the contract's layout tables and nothing else.
 * It imports only electron and the contract (no npm packages can load in a sandboxed preload), and
 * never hands ipcRenderer itself to the page — only one named function per channel.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { API_LAYOUT, type Channel, EVENT_LAYOUT, type EventChannel, type PosApi } from './contract';

function call(channel: Channel) {
  // Requests without fields are sent as {} so every channel receives exactly one object.
  return (req?: unknown) => ipcRenderer.invoke(channel, req ?? {});
}

function subscribe(channel: EventChannel) {
  return (listener: (payload: unknown) => void) => {
    // The IpcRendererEvent (with its sender) stays here; the page gets the payload only.
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, relay);
    return () => {
      ipcRenderer.removeListener(channel, relay);
    };
  };
}

function buildApi(): PosApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const [group, methods] of Object.entries(API_LAYOUT)) {
    api[group] = Object.fromEntries(
      Object.entries(methods).map(([method, channel]) => [method, call(channel as Channel)]),
    );
  }
  api.events = Object.fromEntries(
    Object.entries(EVENT_LAYOUT).map(([name, channel]) => [name, subscribe(channel)]),
  );
  return api as unknown as PosApi;
}

contextBridge.exposeInMainWorld('pos', buildApi());
