import type { RenderProcessGoneDetails, WebContents } from 'electron';
import type { Logger } from '../log';
import type { ShellTexts } from './shell-texts';

export interface CrashPolicy {
  /** Reloads allowed within `windowMs` before the window shows the error screen instead. */
  maxReloads: number;
  windowMs: number;
  /** Delay before the n-th reload (0-based) in that period: grows so a crash loop does not spin. */
  delayMs(attempt: number): number;
}

export const DEFAULT_CRASH_POLICY: CrashPolicy = {
  maxReloads: 3,
  windowMs: 60_000,
  delayMs: (attempt) => 500 * 4 ** attempt,
};

/**
 * A crashed page comes back by itself (the sale lives in main, so a reload shows it again), but a
 * page that keeps crashing is not reloaded forever: after `maxReloads` within `windowMs` the window
 * shows a plain error screen and the log says why.
 */
export function reloadAfterCrashes(
  contents: WebContents,
  options: {
    role: string;
    logger: Logger;
    texts: () => ShellTexts;
    policy?: CrashPolicy;
    now?: () => number;
  },
): void {
  const policy = options.policy ?? DEFAULT_CRASH_POLICY;
  const now = options.now ?? (() => Date.now());
  let crashes: number[] = [];
  let pending: NodeJS.Timeout | null = null;
  contents.on('destroyed', () => {
    if (pending) clearTimeout(pending);
  });
  contents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
    options.logger.error('window page crashed', { role: options.role, reason: details.reason });
    if (details.reason === 'clean-exit' || contents.isDestroyed() || pending) return;
    const at = now();
    crashes = [...crashes.filter((t) => at - t < policy.windowMs), at];
    if (crashes.length > policy.maxReloads) {
      options.logger.error('window page keeps crashing; showing the error screen', {
        role: options.role,
        crashes: crashes.length,
        withinMs: policy.windowMs,
      });
      void contents.loadURL(crashScreenUrl(options.texts())).catch(() => undefined);
      return;
    }
    pending = setTimeout(
      () => {
        pending = null;
        if (!contents.isDestroyed()) contents.reload();
      },
      policy.delayMs(crashes.length - 1),
    );
  });
}

/** A static page with no script: nothing on it can reach main. */
export function crashScreenUrl(texts: ShellTexts): string {
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${escapeHtml(texts.crashedTitle)}</title><style>body{font:18px/1.5 system-ui,sans-serif;margin:15vh auto;max-width:40rem;padding:0 2rem;color:#1c1c1e;background:#f4f4f6}h1{font-size:1.6rem}</style></head><body><h1>${escapeHtml(texts.crashedTitle)}</h1><p>${escapeHtml(texts.crashedBody)}</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
