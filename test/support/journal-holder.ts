/**
 * A second app process for the writer-lock tests: opens the journal named by JOURNAL_FILE, says
 * "open" (or the error) on stdout, and holds it until killed or told to close on stdin.
 */
import { openJournal } from '../../src/main/journal';

try {
  const journal = openJournal(process.env.JOURNAL_FILE as string);
  process.stdout.write('open\n');
  process.stdin.on('data', () => {
    journal.close();
    process.stdout.write('closed\n');
    process.exit(0);
  });
} catch (error) {
  process.stdout.write(`refused: ${(error as Error).message}\n`);
  process.exit(3);
}
