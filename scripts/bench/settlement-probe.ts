/**
 * `settlement-probe.mjs <file> <dates json>`: the settlement memory probe's own bundle. It loads only
 * the journal and the settlement room — the app's reconcile path — so its peak RSS is that path's,
 * not the bench's generator, simulator and HTTP clients the main bench bundle also carries.
 */
import { reconcileMonth } from './settlement';
import { peakRssMb, rssMb } from './stats';

const [file, datesJson] = process.argv.slice(2);
const baselineMb = rssMb();
reconcileMonth(file as string, JSON.parse(datesJson as string) as string[]);
process.stdout.write(`${JSON.stringify({ baselineMb, maxRssMb: peakRssMb() })}\n`);
