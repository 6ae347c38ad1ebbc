import type { ReplayProgress } from '../../application/admin/replayProgress.js';
import { fractionDone } from '../../application/admin/replayProgress.js';

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

const WIDTH = 30;

/** A progress bar on stderr: count, rate and ETA; redrawn in place on a terminal, a line every second otherwise. */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDrawn = 0;
  private last: ReplayProgress | undefined;

  constructor(
    private readonly label: string,
    private readonly out: ProgressOutput = process.stderr,
    private readonly now: () => number = Date.now,
  ) {}

  update = (progress: ReplayProgress): void => {
    this.last = progress;
    const now = this.now();
    if (now - this.lastDrawn < (this.out.isTTY ? 100 : 1_000)) return;
    this.lastDrawn = now;
    this.draw(progress, false);
  };

  /** Draws the final state and ends the line. */
  finish(): void {
    if (this.last) this.draw(this.last, true);
  }

  private draw(progress: ReplayProgress, final: boolean): void {
    this.out.write(`${this.out.isTTY ? '\r' : ''}${renderProgress(this.label, progress, this.now() - this.started, final)}${this.out.isTTY && !final ? '' : '\n'}`);
  }
}

export function renderProgress(label: string, progress: ReplayProgress, elapsedMs: number, final = false): string {
  const fraction = final ? 1 : fractionDone(progress);
  const filled = Math.round(fraction * WIDTH);
  const seconds = Math.max(elapsedMs / 1000, 0.001);
  const rate = progress.done / seconds;
  // Positions stand in for counts: the total is estimated from how far through the log the done events reach.
  const total = final || fraction === 0 ? progress.done : Math.max(progress.done, Math.round(progress.done / fraction));
  const eta = final ? 'done' : `ETA ${duration(fraction > 0 ? (seconds * (1 - fraction)) / fraction : Number.NaN)}`;
  return (
    `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
    `${progress.done.toLocaleString('en')}/${final ? '' : '~'}${total.toLocaleString('en')} events, ` +
    `${Math.round(rate).toLocaleString('en')}/s, ${final ? `${duration(seconds)} elapsed` : eta}`
  );
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
