import type { PosApi } from './contract';

declare global {
  interface Window {
    /** The typed bridge from the preload (Electron) or the web host's bridge (browser). */
    pos: PosApi;
  }
}
