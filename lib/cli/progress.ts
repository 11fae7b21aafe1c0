// Transfer progress on stderr: a bar redrawn in place on a terminal (bytes, rate, ETA when the
// size is known), plain lines when piped, fed by the library's onProgress listener.
import type { ProgressListener } from '../objects/progress.js';
import type { Io } from './output.js';

const REDRAW_MS = 100;
const LINE_MS = 5_000;
const BAR_WIDTH = 24;

/** `1.5 MiB`. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${String(Math.round(n))} B` : `${value.toFixed(1)} ${units[unit] ?? ''}`;
}

/** `1m05s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s < 60
    ? `${String(s)}s`
    : `${String(Math.floor(s / 60))}m${String(s % 60).padStart(2, '0')}s`;
}

/** One transfer's progress display; `attempt()` restarts the count for a retry. */
export class Progress {
  private bytes = 0;
  private started = Date.now();
  private attempts = 0;
  private lastDraw = 0;

  constructor(
    private readonly io: Io,
    private readonly label: string,
    private total?: number,
  ) {}

  /** A transfer's `onProgress`: a new attempt restarts the count; a size learnt late is kept. */
  listener(): ProgressListener {
    return (bytes, total, attempt) => {
      if (attempt !== this.attempts) {
        this.total ??= total;
        this.attempts = attempt - 1;
        this.attempt();
      }
      this.add(bytes - this.bytes);
    };
  }

  attempt(): void {
    this.attempts++;
    if (this.attempts > 1) this.note(`retrying (attempt ${String(this.attempts)})`);
    else if (!this.io.stderrIsTTY)
      this.note(`started${this.total === undefined ? '' : ` (${formatBytes(this.total)})`}`);
    this.bytes = 0;
    this.started = Date.now();
    // A terminal shows the bar at once; a log gets a line only every few seconds.
    this.lastDraw = this.io.stderrIsTTY ? 0 : this.started;
  }

  add(n: number): void {
    this.bytes += n;
    const now = Date.now();
    if (now - this.lastDraw < (this.io.stderrIsTTY ? REDRAW_MS : LINE_MS)) return;
    this.lastDraw = now;
    if (this.io.stderrIsTTY) this.draw(now);
    else
      this.note(`${formatBytes(this.bytes)}${this.total ? ` of ${formatBytes(this.total)}` : ''}`);
  }

  done(extra = ''): void {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    if (this.io.stderrIsTTY) this.draw(Date.now(), true);
    this.note(
      `done: ${String(this.bytes)} bytes in ${seconds.toFixed(1)}s (${formatBytes(this.bytes / seconds)}/s)${extra}`,
    );
  }

  failed(): void {
    if (this.io.stderrIsTTY && this.bytes) this.io.stderr.write('\n');
  }

  private note(text: string): void {
    this.io.stderr.write(`${this.label}: ${text}\n`);
  }

  /** The bar line: `[#####-----]  42%  1.2 MiB / 3.0 MiB  850.0 KiB/s  ETA 2s`. */
  line(now: number, final = false): string {
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = this.bytes / seconds;
    const parts = [this.label];
    if (this.total) {
      const ratio = Math.min(this.bytes / this.total, 1);
      const filled = Math.round(ratio * BAR_WIDTH);
      parts.push(
        `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`,
        `${String(Math.floor(ratio * 100))}%`.padStart(4),
      );
      parts.push(`${formatBytes(this.bytes)} / ${formatBytes(this.total)}`);
    } else {
      parts.push(formatBytes(this.bytes));
    }
    parts.push(`${formatBytes(rate)}/s`);
    if (this.total && !final)
      parts.push(`ETA ${rate > 0 ? formatDuration((this.total - this.bytes) / rate) : '--'}`);
    return parts.join('  ');
  }

  private draw(now: number, final = false): void {
    this.io.stderr.write(`\r\x1b[K${this.line(now, final)}${final ? '\n' : ''}`);
  }
}
