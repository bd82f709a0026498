/** Electron main entry: everything happens in bootstrap(), so tests can import it without side effects. */
import { app } from 'electron';
import { bootstrap } from './windows/bootstrap';

bootstrap().catch((error: unknown) => {
  console.error('The app could not start:', error instanceof Error ? error.message : error);
  app.exit(1);
});
