// The closing block every benchmark prints: each figure next to its target and whether it was met.

export interface SummaryRow {
  figure: string;
  value: string;
  target: string;
  /** undefined: reported only, no target. */
  met?: boolean;
}

export function printSummary(title: string, rows: SummaryRow[]): void {
  const width = (pick: (row: SummaryRow) => string) => Math.max(...rows.map((row) => pick(row).length));
  const [f, v, t] = [width((r) => r.figure), width((r) => r.value), width((r) => r.target)];
  console.log(`\n=== ${title} — summary ===`);
  for (const row of rows) {
    const verdict = row.met === undefined ? '' : row.met ? 'met' : 'NOT MET';
    console.log(`${row.figure.padEnd(f)}  ${row.value.padStart(v)}  target ${row.target.padEnd(t)}  ${verdict}`);
  }
}

export const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
export const ratio = (value: number) => `${value.toFixed(2)}×`;
export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Measures a piece of work: how many things it did and how long it took. */
export async function timed(work: () => Promise<number>): Promise<{ count: number; seconds: number; perSecond: number }> {
  const started = process.hrtime.bigint();
  const count = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { count, seconds, perSecond: count / seconds };
}
