/**
 * The journal at shop scale: a generated year of sales, then the queries the app runs on it —
 * lookup by reference, a history page by date, the day report — and the durable append that every
 * money intent waits for before Vipps is called. Memory is measured in a fresh process that opens
 * the big journal and runs the same queries (the main process's view of it).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { type Journal, openJournal } from '../../src/main/journal';
import { createPaymentsEngine } from '../../src/main/payments/engine';
import { newPaymentRow } from '../../src/main/payments/new-row';
import type { PaymentsService } from '../../src/main/payments/types';
import { receiptJobsRepo } from '../../src/main/receipts/jobs-repo';
import { ALL_COUNTERS, dayReportBuilder } from '../../src/main/reports/day-report';
import { localDate } from '../../src/main/reports/local-day';
import { createVippsClient } from '../../src/main/vipps';
import { DAYS, generatePayments } from './journal-data';
import { peakRssMb, percentile, type Row, rssMb, timed } from './stats';

/** An engine for reads only: its Vipps client points at a closed port and is never called. */
function readOnlyEngine(journal: Journal): PaymentsService {
  const vipps = createVippsClient({
    baseUrl: 'http://127.0.0.1:9',
    credentials: { clientId: 'x', clientSecret: 'x', subscriptionKey: 'x', merchantSerialNumber: '123456' },
    system: { systemName: 'bench', systemVersion: '1', pluginName: 'bench', pluginVersion: '1' },
  });
  return createPaymentsEngine({
    journal,
    vipps,
    settings: () => ({
      counterId: 'lane1',
      currency: 'NOK',
      capturePolicy: 'capture-now',
      description: 'Kjøp i butikk',
      vatRate: 2500,
    }),
  });
}

function randomDay(firstDay: Date): string {
  const d = new Date(
    firstDay.getFullYear(),
    firstDay.getMonth(),
    firstDay.getDate() + Math.floor(Math.random() * DAYS),
  );
  return localDate(d);
}

export interface QueryFigures {
  lookupMs: number[];
  searchByReferenceMs: number[];
  pageByDateMs: number[];
  dayReportMs: number[];
  /** openJournal on the big file: integrity check, migration check, pragmas. */
  openMs: number;
}

/** The read queries, shared by the bench and the memory probe. */
export async function runQueries(
  file: string,
  sample: string[],
  firstDay: Date,
  scale: number,
): Promise<QueryFigures> {
  const opened = await timed(() => openJournal(file));
  const journal = opened.value;
  const engine = readOnlyEngine(journal);
  const raw = new Database(file, { readonly: true, fileMustExist: true });
  const dayReport = dayReportBuilder(raw);
  const pick = () => sample[Math.floor(Math.random() * sample.length)]!;
  const f: QueryFigures = {
    lookupMs: [],
    searchByReferenceMs: [],
    pageByDateMs: [],
    dayReportMs: [],
    openMs: opened.ms,
  };
  try {
    for (let i = 0; i < 2000 * scale; i++) {
      const reference = pick();
      f.lookupMs.push((await timed(() => journal.payments.get(reference))).ms);
    }
    for (let i = 0; i < Math.max(5, 30 * scale); i++) {
      const reference = pick();
      f.searchByReferenceMs.push((await timed(() => engine.search({ text: reference, limit: 50 }))).ms);
    }
    for (let i = 0; i < 300 * scale; i++) {
      const day = randomDay(firstDay);
      const first = await timed(() => engine.search({ from: day, to: day, limit: 50 }));
      f.pageByDateMs.push(first.ms);
      const cursor = first.value.nextCursor;
      if (cursor)
        f.pageByDateMs.push((await timed(() => engine.search({ from: day, to: day, limit: 50, cursor }))).ms);
    }
    for (let i = 0; i < Math.max(10, 50 * scale); i++) {
      const date = randomDay(firstDay);
      const counterId = i % 2 === 0 ? ALL_COUNTERS : 'lane1';
      f.dayReportMs.push((await timed(() => dayReport({ date, counterId, now: new Date() }))).ms);
    }
    return f;
  } finally {
    await engine.stop();
    raw.close();
    journal.close();
  }
}

/** What every sale start commits (sale + create intent + audit) with synchronous=FULL, on the big file. */
function durableAppends(file: string, times: number): number[] {
  const journal = openJournal(file);
  const samples: number[] = [];
  try {
    for (let i = 0; i < times; i++) {
      const at = new Date();
      // Not makeReference: a thousand sales in one second would collide on its four-letter tag.
      const reference = `bench-${at.getTime()}-${i}`;
      const iso = at.toISOString();
      const t0 = performance.now();
      journal.transaction(() => {
        journal.payments.insert(
          newPaymentRow({
            reference,
            counterId: 'bench',
            amount: 1000,
            currency: 'NOK',
            flow: 'QR',
            description: 'Counter bench',
            vatRate: 2500,
            dismissed: true,
            createdAt: iso,
          }),
        );
        journal.operations.insert({
          id: randomUUID(),
          reference,
          kind: 'create',
          idempotencyKey: randomUUID(),
          amount: 1000,
          requestId: null,
          requestBody: JSON.stringify({ amount: { value: 1000, currency: 'NOK' }, reference }),
          status: 'pending',
          attempts: 0,
          reason: null,
          lastError: null,
          createdAt: iso,
          updatedAt: iso,
        });
        journal.audit.append({
          at: iso,
          actor: 'cashier',
          action: 'start',
          reference,
          amount: 1000,
          details: {},
        });
      });
      samples.push(performance.now() - t0);
    }
    return samples;
  } finally {
    journal.close();
  }
}

/** File size after a full checkpoint, and what each table and index takes of it (SQLite's dbstat). */
function bytesOnDisk(file: string): { total: number; byObject: Record<string, number> } {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const rows = db
      .prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
      .all() as Array<{ name: string; bytes: number }>;
    const byObject = Object.fromEntries(rows.map((r) => [r.name, r.bytes]));
    let total = 0;
    for (const suffix of ['', '-wal', '-shm']) {
      try {
        total += statSync(file + suffix).size;
      } catch {
        // absent
      }
    }
    return { total, byObject };
  } finally {
    db.close();
  }
}

export async function journalBench(options: {
  file: string;
  count: number;
  quick: boolean;
  selfBundle: string;
  log: (line: string) => void;
}): Promise<{ rows: Row[]; details: object }> {
  const journal = openJournal(options.file);
  // One connection: the journal holds the file's writer lock for as long as it is open.
  const receipts = receiptJobsRepo(journal);
  const started = performance.now();
  let last = 0;
  const generated = generatePayments(journal, receipts, options.count, new Date(), (n) => {
    if (n - last >= options.count / 10) {
      last = n;
      options.log(`  generated ${n.toLocaleString('en')} payments`);
    }
  });
  const generateS = (performance.now() - started) / 1000;
  journal.close();

  const disk = bytesOnDisk(options.file);
  const bytes = disk.total;
  const scale = options.quick ? 0.25 : 1;
  const q = await runQueries(options.file, generated.sample, generated.firstDay, scale);
  const appends = durableAppends(options.file, options.quick ? 200 : 1000);

  // Memory of a fresh process that opens this journal and runs the same queries.
  const probe = spawnSync(
    process.execPath,
    [
      options.selfBundle,
      'rss',
      options.file,
      JSON.stringify(generated.sample.slice(0, 2000)),
      generated.firstDay.toISOString(),
    ],
    { encoding: 'utf8', env: { ...process.env, BENCH_QUICK: options.quick ? '1' : '' } },
  );
  const rss = JSON.parse(probe.stdout.trim().split('\n').at(-1) ?? '{}') as {
    maxRssMb?: number;
    rssMb?: number;
  };

  const n = options.count.toLocaleString('en');
  const rows: Row[] = [
    {
      section: `journal ${n}`,
      metric: 'lookup by reference p95 (primary key)',
      value: percentile(q.lookupMs, 95),
      unit: 'ms',
      target: 20,
    },
    {
      section: `journal ${n}`,
      metric: 'history search by full reference p95',
      value: percentile(q.searchByReferenceMs, 95),
      unit: 'ms',
      target: 20,
    },
    {
      section: `journal ${n}`,
      metric: 'history page by date p95 (50 rows)',
      value: percentile(q.pageByDateMs, 95),
      unit: 'ms',
      target: null,
    },
    {
      section: `journal ${n}`,
      metric: 'day report p95',
      value: percentile(q.dayReportMs, 95),
      unit: 'ms',
      target: 200,
    },
    {
      section: `journal ${n}`,
      metric: 'durable append p50',
      value: percentile(appends, 50),
      unit: 'ms',
      target: null,
    },
    {
      section: `journal ${n}`,
      metric: 'durable append p95',
      value: percentile(appends, 95),
      unit: 'ms',
      target: 2,
    },
    {
      section: `journal ${n}`,
      metric: 'open (integrity + migration check)',
      value: q.openMs,
      unit: 'ms',
      target: null,
    },
    {
      section: `journal ${n}`,
      metric: 'bytes per payment on disk',
      value: bytes / options.count,
      unit: 'B',
      target: 2048,
    },
    {
      section: `journal ${n}`,
      metric: 'peak RSS of a process using it',
      value: rss.maxRssMb ?? Number.NaN,
      unit: 'MB',
      target: 150,
    },
  ];
  return {
    rows,
    details: {
      payments: options.count,
      generateSeconds: generateS,
      fileBytes: bytes,
      bytesPerPaymentByObject: Object.fromEntries(
        Object.entries(disk.byObject).map(([name, b]) => [name, Math.round(b / options.count)]),
      ),
      lookupP50: percentile(q.lookupMs, 50),
      searchByReferenceP50: percentile(q.searchByReferenceMs, 50),
      pageByDateP50: percentile(q.pageByDateMs, 50),
      dayReportP50: percentile(q.dayReportMs, 50),
      samples: {
        lookup: q.lookupMs.length,
        searchByReference: q.searchByReferenceMs.length,
        pageByDate: q.pageByDateMs.length,
        dayReport: q.dayReportMs.length,
        append: appends.length,
      },
      rss,
    },
  };
}

/** `bench.mjs rss <file> <sample json> <firstDay>`: the memory probe's own process. */
export async function rssProbe(args: string[]): Promise<void> {
  const [file, sampleJson, firstDayIso] = args;
  const quick = process.env.BENCH_QUICK === '1';
  await runQueries(file!, JSON.parse(sampleJson!), new Date(firstDayIso!), quick ? 0.25 : 1);
  process.stdout.write(`${JSON.stringify({ rssMb: rssMb(), maxRssMb: peakRssMb() })}\n`);
}
