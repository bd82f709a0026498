/**
 * The one place `electron` is mocked for main-process tests (the binary cannot run here).
 *
 * The fakes record what main asked of Electron (window options, handlers, session hooks) so tests
 * assert on the real arguments. Tests import `electronFake` from this file to inspect and reset them;
 * production code imports `electron` as usual and receives these classes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: the fakes accept whatever listener shape Electron's real API does
type Listener = (...args: any[]) => any;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  off(event: string, listener: Listener): this {
    return this.removeListener(event, listener);
  }
  emit(event: string, ...args: unknown[]): boolean {
    const current = this.listeners.get(event) ?? [];
    for (const listener of current) listener(...args);
    return current.length > 0;
  }
  listenerCount(event: string): number {
    return (this.listeners.get(event) ?? []).length;
  }
}

export class FakeWebRequest {
  beforeRequest: Listener | null = null;
  headersReceived: Listener | null = null;
  onBeforeRequest(...args: unknown[]): void {
    this.beforeRequest = args.at(-1) as Listener;
  }
  onHeadersReceived(...args: unknown[]): void {
    this.headersReceived = args.at(-1) as Listener;
  }
}

export class FakeSession {
  readonly webRequest = new FakeWebRequest();
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  setPermissionRequestHandler(handler: Listener | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener | null): void {
    this.permissionCheckHandler = handler;
  }
}

let nextWebContentsId = 1;

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

export class FakeWebContents extends Emitter {
  readonly id = nextWebContentsId++;
  readonly session: FakeSession;
  readonly mainFrame = new FakeWebFrame('about:blank');
  windowOpenHandler: Listener | null = null;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  constructor(session: FakeSession) {
    super();
    this.session = session;
  }
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  reloads = 0;
  reload(): void {
    this.reloads++;
  }
}

export class BrowserWindow extends Emitter {
  static readonly instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.getAllWindows()[0] ?? null;
  }
  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.instances.find((w) => w.webContents === contents) ?? null;
  }

  readonly options: Record<string, unknown>;
  readonly webContents: FakeWebContents;
  loaded: { kind: 'url' | 'file'; target: string; options?: unknown } | null = null;
  destroyed = false;
  shown = false;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents(session.defaultSession);
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = { kind: 'url', target: url };
    this.webContents.mainFrame.url = url;
  }
  async loadFile(file: string, options?: { hash?: string }): Promise<void> {
    this.loaded = { kind: 'file', target: file, options };
    const hash = options?.hash ? `#${options.hash}` : '';
    this.webContents.mainFrame.url = `file://${file}${hash}`;
  }
  show(): void {
    this.shown = true;
  }
  showInactive(): void {
    this.shown = true;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class FakeApp extends Emitter {
  sandboxEnabled = false;
  /** enableSandbox only works before the app is ready; record whether main called it in time. */
  sandboxEnabledBeforeReady = false;
  whenReadyCalled = false;
  singleInstanceLock = true;
  quitCalled = false;
  readonly paths = new Map<string, string>();
  isPackaged = false;
  enableSandbox(): void {
    this.sandboxEnabled = true;
    this.sandboxEnabledBeforeReady = !this.whenReadyCalled;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    this.whenReadyCalled = true;
    return Promise.resolve();
  }
  getPath(name: string): string {
    let path = this.paths.get(name);
    if (!path) {
      path = mkdtempSync(join(tmpdir(), `pos-electron-${name}-`));
      this.paths.set(name, path);
    }
    return path;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  setAppLogsPath(): void {}
  getName(): string {
    return 'Vipps MobilePay Counter';
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  quit(): void {
    this.quitCalled = true;
  }
  exit(): void {
    this.quitCalled = true;
  }
}

class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, handler: Listener): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

/** A reversible stand-in for the OS keychain: the ciphertext is not the plaintext. */
class FakeSafeStorage {
  available = true;
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(text: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.from(
      `fake-os:${Buffer.from(text, 'utf8').toString('base64')}`.split('').reverse().join(''),
    );
  }
  decryptString(data: Buffer): string {
    const text = data.toString('utf8').split('').reverse().join('');
    if (!text.startsWith('fake-os:')) throw new Error('Error while decrypting the ciphertext');
    return Buffer.from(text.slice('fake-os:'.length), 'base64').toString('utf8');
  }
}

class FakeShell {
  readonly opened: string[] = [];
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}

export interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
}

const primaryDisplay: FakeDisplay = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
};

class FakeScreen {
  displays: FakeDisplay[] = [primaryDisplay];
  getAllDisplays(): FakeDisplay[] {
    return this.displays;
  }
  getPrimaryDisplay(): FakeDisplay {
    return this.displays[0]!;
  }
}

class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  }
}

class FakeIpcRenderer extends Emitter {
  readonly invocations: Array<{ channel: string; args: unknown[] }> = [];
  reply: (channel: string, ...args: unknown[]) => unknown = () => ({ ok: true, value: null });
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return this.reply(channel, ...args);
  }
}

/** Save dialogs answer what a test sets (`dialog.nextSavePath`; null = the user cancelled). */
class FakeDialog {
  nextSavePath: string | null = null;
  readonly saveRequests: unknown[] = [];
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
    this.saveRequests.push(args.at(-1));
    return this.nextSavePath ? { canceled: false, filePath: this.nextSavePath } : { canceled: true };
  }
}

export const app = new FakeApp();
export const dialog = new FakeDialog();
export const ipcMain = new FakeIpcMain();
export const safeStorage = new FakeSafeStorage();
export const shell = new FakeShell();
export const screen = new FakeScreen();
export const contextBridge = new FakeContextBridge();
export const ipcRenderer = new FakeIpcRenderer();
export const session = { defaultSession: new FakeSession() };

/** OS session events (lock-screen, suspend, …): tests emit them to see what main does. */
class FakePowerMonitor {
  readonly listeners = new Map<string, Array<() => void>>();
  on(event: string, listener: () => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string): void {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
}
export const powerMonitor = new FakePowerMonitor();

/** Everything a test may inspect, plus a reset for `beforeEach`. */
export const electronFake = {
  app,
  ipcMain,
  safeStorage,
  shell,
  screen,
  contextBridge,
  ipcRenderer,
  session,
  dialog,
  powerMonitor,
  BrowserWindow,
  reset(): void {
    powerMonitor.listeners.clear();
    dialog.nextSavePath = null;
    dialog.saveRequests.length = 0;
    BrowserWindow.instances.length = 0;
    app.listeners.clear();
    app.sandboxEnabled = false;
    app.sandboxEnabledBeforeReady = false;
    app.whenReadyCalled = false;
    app.singleInstanceLock = true;
    app.quitCalled = false;
    app.isPackaged = false;
    ipcMain.handlers.clear();
    safeStorage.available = true;
    shell.opened.length = 0;
    screen.displays = [primaryDisplay];
    contextBridge.exposed.clear();
    ipcRenderer.listeners.clear();
    ipcRenderer.invocations.length = 0;
    session.defaultSession = new FakeSession();
  },
};

vi.mock('electron', () => {
  const module = {
    app,
    ipcMain,
    safeStorage,
    shell,
    screen,
    contextBridge,
    ipcRenderer,
    session,
    dialog,
    powerMonitor,
    BrowserWindow,
  };
  return { ...module, default: module };
});
