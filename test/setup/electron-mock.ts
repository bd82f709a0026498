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
    const wrapped: Listener = (...args) => {
      this.removeListener(event, wrapped);
      return listener(...args);
    };
    return this.on(event, wrapped);
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
    const current = [...(this.listeners.get(event) ?? [])];
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
  /**
   * The headers a page at `url` ends up with. Like Chromium, file:// loads never pass through
   * onHeadersReceived (they have no response headers), so a CSP set there does not reach them.
   */
  headersFor(url: string, responseHeaders: Record<string, string[]> = {}): Record<string, string[]> {
    if (new URL(url).protocol === 'file:' || !this.headersReceived) return responseHeaders;
    let result = responseHeaders;
    this.headersReceived({ url, responseHeaders }, (r: { responseHeaders?: Record<string, string[]> }) => {
      result = r.responseHeaders ?? responseHeaders;
    });
    return result;
  }
}

/** Custom schemes: registered as privileged before `ready`, answered by protocol.handle. */
export class FakeProtocol {
  readonly privileged: Array<{ scheme: string; privileges?: Record<string, boolean> }> = [];
  registeredBeforeReady = true;
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  registerSchemesAsPrivileged(
    schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  ): void {
    if (app.readyFired) this.registeredBeforeReady = false;
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (!app.readyFired) throw new Error('protocol.handle may only be called after the app is ready');
    if (this.handlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`);
    this.handlers.set(scheme, handler);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
  /** What a page request for `url` gets, as Chromium would ask the handler. */
  async fetch(url: string): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`);
    return handler(new Request(url));
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
  readonly loadedUrls: string[] = [];
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.mainFrame.url = url;
  }
  devToolsOpened = false;
  openDevTools(): void {
    this.devToolsOpened = true;
  }
}

/**
 * The URL Chromium gives a page opened with loadFile (net::FilePathToFileURL + GURL): '%', ';',
 * '#' and '?' escaped, spaces and quotes escaped, Windows paths with forward slashes and an
 * upper-case drive letter. Node's pathToFileURL differs (it keeps ';' and a lower-case drive).
 */
export function chromiumFileUrl(file: string): string {
  const windows = /^([a-zA-Z]):[\\/]/.exec(file);
  const path = windows ? `/${windows[1]!.toUpperCase()}:${file.slice(2).replaceAll('\\', '/')}` : file;
  const escaped = path
    .replaceAll('%', '%25')
    .replaceAll(';', '%3B')
    .replaceAll('#', '%23')
    .replaceAll('?', '%3F')
    .replaceAll(' ', '%20')
    .replaceAll('"', '%22')
    .replaceAll('<', '%3C')
    .replaceAll('>', '%3E')
    .replaceAll('`', '%60');
  return `file://${escaped}`;
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
    return BrowserWindow.instances.find((w) => !w.destroyed && w.webContents === contents) ?? null;
  }

  readonly options: Record<string, unknown>;
  readonly #webContents: FakeWebContents;
  /** Like Electron: a destroyed window's webContents cannot be read any more. */
  get webContents(): FakeWebContents {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
    return this.#webContents;
  }
  loaded: { kind: 'url' | 'file'; target: string; options?: unknown } | null = null;
  destroyed = false;
  shown = false;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.#webContents = new FakeWebContents(session.defaultSession);
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', {}, this.#webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = { kind: 'url', target: url };
    await this.webContents.loadURL(url);
  }
  async loadFile(file: string, options?: { hash?: string }): Promise<void> {
    this.loaded = { kind: 'file', target: file, options };
    const hash = options?.hash ? `#${options.hash}` : '';
    this.webContents.mainFrame.url = `${chromiumFileUrl(file)}${hash}`;
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
  maximized = false;
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  /** Where the window is when not maximized: its construction options, unless moved since. */
  bounds: { x: number; y: number; width: number; height: number } | null = null;
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    const o = this.options as { x?: number; y?: number; width?: number; height?: number };
    return this.bounds ?? { x: o.x ?? 0, y: o.y ?? 0, width: o.width ?? 800, height: o.height ?? 600 };
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return this.getNormalBounds();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    if (this.destroyed) return;
    // Like Electron: 'close' while the window still exists, then 'closed' once it is gone.
    this.emit('close', { preventDefault() {} });
    this.#webContents.destroyed = true;
    this.destroyed = true;
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
  /** True once `whenReady()` has resolved (APIs like protocol.handle need it). */
  readyFired = false;
  whenReady(): Promise<void> {
    this.whenReadyCalled = true;
    this.readyFired = true;
    return Promise.resolve();
  }
  locale = 'en-US';
  getLocale(): string {
    return this.locale;
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
  loginItem: { openAtLogin: boolean } | null = null;
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItem = settings;
  }
  getName(): string {
    return 'Vipps MobilePay Counter';
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  quit(): void {
    this.quitCalled = true;
  }
  exitCode: number | null = null;
  exit(code = 0): void {
    this.quitCalled = true;
    this.exitCode = code;
  }
}

class FakeCrashReporter {
  started: { uploadToServer: boolean; compress?: boolean; submitURL?: string }[] = [];
  start(options: { uploadToServer: boolean; compress?: boolean; submitURL?: string }): void {
    this.started.push(options);
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

/**
 * A reversible stand-in for the OS keychain: the ciphertext is not the plaintext. Only the calls
 * Electron 45 offers exist (electron.d.ts, SafeStorage); getSelectedStorageBackend is Linux-only.
 */
class FakeSafeStorage {
  available = true;
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' =
    'gnome_libsecret';
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    if (process.platform !== 'linux') throw new Error('getSelectedStorageBackend is only available on Linux');
    return this.backend;
  }
  async encryptStringAsync(text: string): Promise<Buffer> {
    return this.#seal(text);
  }
  async decryptStringAsync(data: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    return { shouldReEncrypt: false, result: this.#open(data) };
  }
  /** Deprecated in Electron 45 (use encryptStringAsync); kept because sealed data of older versions exists. */
  encryptString(text: string): Buffer {
    return this.#seal(text);
  }
  /** Deprecated in Electron 45 (use decryptStringAsync). */
  decryptString(data: Buffer): string {
    return this.#open(data);
  }
  #seal(text: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.from(
      `fake-os:${Buffer.from(text, 'utf8').toString('base64')}`.split('').reverse().join(''),
    );
  }
  #open(data: Buffer): string {
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
  readonly errorBoxes: Array<{ title: string; content: string }> = [];
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  }
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
    this.saveRequests.push(args.at(-1));
    return this.nextSavePath ? { canceled: false, filePath: this.nextSavePath } : { canceled: true };
  }
}

export interface FakeMenuItem {
  label?: string;
  role?: string;
  accelerator?: string;
  type?: string;
  submenu?: FakeMenuItem[];
}

/** Records the application menu main sets (null = Electron's default menu was removed). */
export class Menu {
  static applicationMenu: Menu | null | undefined;
  constructor(readonly items: FakeMenuItem[]) {}
  static buildFromTemplate(template: FakeMenuItem[]): Menu {
    return new Menu(template);
  }
  static setApplicationMenu(menu: Menu | null): void {
    Menu.applicationMenu = menu;
  }
  static getApplicationMenu(): Menu | null {
    return Menu.applicationMenu ?? null;
  }
}

export const app = new FakeApp();
export const crashReporter = new FakeCrashReporter();
export const protocol = new FakeProtocol();
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
  protocol,
  Menu,
  crashReporter,
  reset(): void {
    crashReporter.started.length = 0;
    app.loginItem = null;
    powerMonitor.listeners.clear();
    dialog.nextSavePath = null;
    dialog.saveRequests.length = 0;
    dialog.errorBoxes.length = 0;
    protocol.privileged.length = 0;
    protocol.registeredBeforeReady = true;
    protocol.handlers.clear();
    Menu.applicationMenu = undefined;
    app.readyFired = false;
    app.exitCode = null;
    app.locale = 'en-US';
    safeStorage.backend = 'gnome_libsecret';
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
    protocol,
    Menu,
    crashReporter,
  };
  return { ...module, default: module };
});
