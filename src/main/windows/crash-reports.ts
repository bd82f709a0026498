import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The slices of Electron's `app` and `crashReporter` used here. */
export interface CrashReportingDeps {
  app: { setPath(name: 'crashDumps', path: string): void };
  crashReporter: { start(options: { uploadToServer: boolean; compress: boolean }): void };
  dataDir: string;
}

export function crashDumpDir(dataDir: string): string {
  return join(dataDir, 'crashes');
}

/**
 * Crash reports stay on the counter PC: minidumps go to `<dataDir>/crashes` and nothing is uploaded
 * (a dump of the main process can hold the Vipps credentials it had in memory). Must run before the
 * app is ready, so a crash during start-up is caught too.
 */
export function startLocalCrashReports(deps: CrashReportingDeps): string {
  const dir = crashDumpDir(deps.dataDir);
  deps.app.setPath('crashDumps', dir);
  deps.crashReporter.start({ uploadToServer: false, compress: true });
  return dir;
}

export interface CrashDumpInfo {
  file: string;
  bytes: number;
  at: string;
}

/**
 * The newest minidumps, for the support bundle's list. The bundle names them but does not carry
 * them: their memory can hold secrets, so IT hands a dump over deliberately, from the folder named.
 */
export function recentCrashDumps(dataDir: string, limit = 10): CrashDumpInfo[] {
  const found: CrashDumpInfo[] = [];
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory() && depth < 2) walk(path, depth + 1);
      else if (stat.isFile() && name.endsWith('.dmp')) {
        found.push({ file: path.slice(dataDir.length + 1), bytes: stat.size, at: stat.mtime.toISOString() });
      }
    }
  };
  walk(crashDumpDir(dataDir), 0);
  return found.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}
