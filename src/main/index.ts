/** Electron main entry: everything happens in startApp(), so tests can import it without side effects. */
import { startApp } from './windows/startup';

void startApp();
