/** Options for {@link ProgressLine}. */
export interface ProgressOptions {
  /** Where the line goes (stderr). */
  readonly write: (text: string) => void;
  /** Whether to draw at all: only when stderr is a terminal. */
  readonly enabled: boolean;
  /** Milliseconds from an arbitrary origin (`performance.now`). */
  readonly now: () => number;
  /** Nothing is drawn before this many milliseconds have passed (default 1000: quick runs stay quiet). */
  readonly delayMs?: number;
  /** At most one redraw per this many milliseconds (default 100). */
  readonly intervalMs?: number;
}

const CLEAR_LINE = '\r\u001b[K';

/**
 * A one-line progress indicator for long runs (`⠹ 12,345 messages · archive.mbox`), redrawn in place on a
 * terminal and erased at the end, so it never mixes with the table on stdout. Silent for runs shorter than
 * `delayMs` and whenever `enabled` is false (stderr is a pipe or a file).
 *
 * @example
 * const progress = new ProgressLine({ write: io.stderr, enabled: io.stderrIsTTY, now: () => performance.now() });
 * progress.update(count, path);
 * progress.done();
 */
export class ProgressLine {
  readonly #options: ProgressOptions;
  readonly #start: number;
  readonly #delayMs: number;
  readonly #intervalMs: number;
  #lastDraw = Number.NEGATIVE_INFINITY;
  #frame = 0;
  #shown = false;

  constructor(options: ProgressOptions) {
    this.#options = options;
    this.#start = options.now();
    this.#delayMs = options.delayMs ?? 1000;
    this.#intervalMs = options.intervalMs ?? 100;
  }

  /** Reports how many messages are done and what is being read; draws when it is time to. */
  update(messages: number, current: string): void {
    if (!this.#options.enabled) return;
    const now = this.#options.now();
    if (now - this.#start < this.#delayMs || now - this.#lastDraw < this.#intervalMs) return;
    this.#lastDraw = now;
    const spinner = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏'[this.#frame++ % 10];
    const where = current.length > 50 ? `…${current.slice(-49)}` : current;
    this.#options.write(
      `${CLEAR_LINE}${spinner} ${messages.toLocaleString('en-US')} messages · ${where.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')}`,
    );
    this.#shown = true;
  }

  /**
   * Erases the line before other output or at the end. The next draw still waits for the interval, so a caller
   * that clears before every row (stdout on the same terminal) costs at most ten redraws a second.
   */
  clear(): void {
    if (!this.#shown) return;
    this.#options.write(CLEAR_LINE);
    this.#shown = false;
  }

  /** Ends the indicator (erases it). */
  done(): void {
    this.clear();
  }
}
