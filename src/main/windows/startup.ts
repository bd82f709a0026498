import { join } from 'node:path';
import { app, dialog } from 'electron';
import { type BootstrapOptions, bootstrap, type RunningApp, StartupError } from './bootstrap';
import { fill, shellTexts } from './shell-texts';

/**
 * Starts the app; when that fails the cashier sees why and where the log is (a console line alone
 * is invisible in an installed app), and the app quits instead of running half-started.
 */
export async function startApp(options: BootstrapOptions = {}): Promise<RunningApp | null> {
  try {
    return await bootstrap(options);
  } catch (error) {
    const texts = shellTexts(app.getLocale());
    const logFile =
      error instanceof StartupError && error.logFile
        ? error.logFile
        : join(app.getPath('userData'), 'logs', 'main.log');
    const reason = error instanceof Error ? error.message : String(error);
    console.error('The app could not start:', reason);
    dialog.showErrorBox(texts.startFailedTitle, fill(texts.startFailedBody, { reason, log: logFile }));
    app.exit(1);
    return null;
  }
}
