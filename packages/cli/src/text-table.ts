/** A table column as the text table needs it. */
export interface TextColumn {
  readonly title: string;
  /** Widest the column gets, in terminal cells. */
  readonly maxWidth: number;
  /** Which end of a long cell to keep (default `start`). */
  readonly keep?: 'start' | 'end';
}

// Control characters (C0, DEL, C1) and the bidirectional overrides: a Subject must not move the cursor, change
// colours or reorder the terminal line. One character class, so the expression is linear.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const LINE_BREAKS = /[\r\n\t\u2028\u2029]+/g;
const COMBINING = /^[\p{Mn}\p{Me}]$/u;

/**
 * Makes attacker-controlled text safe for one terminal line: line breaks (also U+2028/U+2029) and tabs become one
 * space, other control
 * and bidi-override characters become `�`.
 *
 * @example
 * terminalSafe('Hi\r\n\x1b[31mred'); // 'Hi �[31mred'
 */
export function terminalSafe(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(UNSAFE, '\ufffd');
}

/** Terminal cells one code point takes: 0 for combining marks, 2 for East Asian wide and emoji, else 1. */
function cellWidth(codePoint: number, char: string): number {
  // Combining marks, zero-width space/joiners and variation selectors take no cell of their own.
  if (
    (codePoint >= 0x200b && codePoint <= 0x200d) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    COMBINING.test(char)
  ) {
    return 0;
  }
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf && codePoint !== 0x303f) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/**
 * The number of terminal cells a string takes (an approximation of wcwidth without locale tables).
 *
 * @example
 * displayWidth('Grüße'); // 5
 * displayWidth('日本'); // 4
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += cellWidth(char.codePointAt(0)!, char);
  return width;
}

/**
 * Cuts a string to at most `max` terminal cells, ending it with `…` when something was cut.
 *
 * @example
 * ellipsize('Your order #4711 has shipped', 12); // 'Your order …'
 * ellipsize('mail/2026/11/request.eml', 12, 'end'); // '…request.eml'
 */
export function ellipsize(text: string, max: number, keep: 'start' | 'end' = 'start'): string {
  if (displayWidth(text) <= max) return text;
  if (max <= 0) return '';
  const chars = [...text];
  if (keep === 'end') chars.reverse();
  let out: string[] = [];
  let width = 0;
  for (const char of chars) {
    const w = cellWidth(char.codePointAt(0)!, char);
    if (width + w > max - 1) break;
    out.push(char);
    width += w;
  }
  if (keep === 'end') {
    out = out.reverse();
    return `…${out.join('')}`;
  }
  return `${out.join('')}…`;
}

function pad(text: string, width: number): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? text + ' '.repeat(missing) : text;
}

/**
 * Writes an aligned text table as rows arrive. The first `sampleRows` rows decide the column widths (each at
 * most its `maxWidth`); later rows use the same widths, so memory stays bounded on a million-message mbox.
 *
 * @example
 * const table = new TextTableWriter([{ title: 'From', maxWidth: 30 }], (line) => io.stdout(line));
 * table.add(['Ann <ann@example.com>']);
 * table.end();
 */
export class TextTableWriter {
  readonly #columns: readonly TextColumn[];
  readonly #write: (text: string) => void;
  readonly #sampleRows: number;
  #pending: string[][] | null = [];
  #widths: number[] = [];

  constructor(columns: readonly TextColumn[], write: (text: string) => void, sampleRows = 500) {
    this.#columns = columns;
    this.#write = write;
    this.#sampleRows = sampleRows;
  }

  /** Adds one row (one cell per column, raw text: it is made terminal-safe and cut here). */
  add(cells: readonly string[]): void {
    const row = this.#columns.map((c, i) => ellipsize(terminalSafe(cells[i] ?? ''), c.maxWidth, c.keep));
    if (this.#pending === null) {
      this.#writeRow(row);
      return;
    }
    this.#pending.push(row);
    if (this.#pending.length >= this.#sampleRows) this.#flush();
  }

  /** Writes what is still buffered (the header line at least). */
  end(): void {
    if (this.#pending !== null) this.#flush();
  }

  #flush(): void {
    const rows = this.#pending ?? [];
    this.#pending = null;
    this.#widths = this.#columns.map((c, i) =>
      Math.min(c.maxWidth, Math.max(displayWidth(c.title), ...rows.map((r) => displayWidth(r[i]!)))),
    );
    this.#writeRow(this.#columns.map((c) => ellipsize(c.title, c.maxWidth)));
    this.#writeRow(this.#widths.map((w) => '─'.repeat(w)));
    for (const row of rows) this.#writeRow(row);
  }

  #writeRow(row: readonly string[]): void {
    const last = row.length - 1;
    const line = row
      .map((cell, i) => {
        // The last column needs no alignment after it: it may grow to its own cap on rows past the sample.
        if (i === last) return cell;
        return pad(ellipsize(cell, this.#widths[i]!, this.#columns[i]!.keep), this.#widths[i]!);
      })
      .join('  ');
    // Empty trailing cells would leave padding at the end of the line.
    this.#write(`${line.trimEnd()}\n`);
  }
}
