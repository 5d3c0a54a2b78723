/** One message cut out of an mbox. */
export interface MboxMessage {
  /** 1-based position in the mbox. */
  readonly index: number;
  /** The message without its `From ` separator line, `>From ` quoting undone; at most `maxMessageBytes`. */
  readonly bytes: Uint8Array;
  /** True when the message was longer than `maxMessageBytes` and `bytes` holds only its start. */
  readonly truncated: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM_SPACE = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "
/** Longest partial line kept while waiting for its end; longer lines pass through in pieces. */
const MAX_CARRY = 64 * 1024;
// A From_ line as mbox writers produce it: "From sender Www Mmm dd hh:mm:ss yyyy". \S* cannot match the space
// after it, so the expression is linear.
const FROM_LINE = /^From \S* +[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{1,2}:\d{2}/;
const latin1 = new TextDecoder('latin1');

function startsWithFrom(line: Uint8Array, at: number): boolean {
  if (line.length < at + FROM_SPACE.length) return false;
  for (let i = 0; i < FROM_SPACE.length; i++) if (line[at + i] !== FROM_SPACE[i]) return false;
  return true;
}

/** A line (from `start` to the LF at `lf`) that needs no separator, quoting or blank-line handling. */
function isOrdinaryLine(bytes: Uint8Array, start: number, lf: number): boolean {
  const first = bytes[start];
  if (first === FROM_SPACE[0] || first === GT) return false;
  const length = lf - start; // without the LF; 0 is "\n", 1 with a CR is "\r\n": both blank
  return length > 1 || (length === 1 && first !== CR);
}

function isBlank(line: Uint8Array): boolean {
  return (line.length === 1 && line[0] === LF) || (line.length === 2 && line[0] === CR && line[1] === LF);
}

/**
 * Splits an mbox (mboxo or mboxrd, LF or CRLF) into messages as its bytes arrive, so that a huge file never has
 * to be in memory: feed chunks to {@link MboxSplitter.push}, then call {@link MboxSplitter.end}.
 *
 * A `From ` line starts a new message when it is the first line, follows an empty line, or looks like a real
 * From_ line (sender and asctime date). Body lines `>From `, `>>From `, ... lose one `>` (mboxrd; for mboxo this
 * also restores the `From ` lines the writer quoted). The empty line before a separator belongs to the
 * separator, not to the message. Content before the first `From ` line is kept as a message of its own.
 *
 * @example
 * const splitter = new MboxSplitter(32 * 1024 * 1024);
 * for await (const chunk of createReadStream(path)) for (const m of splitter.push(chunk)) use(m);
 * for (const m of splitter.end()) use(m);
 */
export class MboxSplitter {
  readonly #maxMessageBytes: number;
  #parts: Uint8Array[] = [];
  #size = 0;
  #truncated = false;
  #open = false;
  #count = 0;
  /** A blank line held back: it is dropped when a separator follows, kept otherwise. */
  #heldBlank: Uint8Array | null = null;
  #previousBlank = true;
  #carry: Uint8Array | null = null;
  /** Inside a line too long to carry: bytes go straight into the message until the next LF. */
  #midLine = false;
  /** The long line is a separator: drop the rest of it. */
  #discardRest = false;
  #out: MboxMessage[] = [];

  constructor(maxMessageBytes: number) {
    if (!(maxMessageBytes > 0))
      throw new RangeError('MboxSplitter: maxMessageBytes must be a positive number');
    this.#maxMessageBytes = maxMessageBytes;
  }

  /** Feeds the next chunk of the file; returns the messages it completed. */
  push(chunk: Uint8Array): MboxMessage[] {
    let pos = 0;
    // Start of a run of ordinary lines (not blank, not starting with `F` or `>`) not appended yet: most lines
    // of a message are ordinary, and appending them as one view keeps the splitter from allocating per line.
    let run = -1;
    const flushRun = (end: number): void => {
      if (run !== -1 && end > run) this.#append(chunk.subarray(run, end));
      run = -1;
    };
    while (pos < chunk.length) {
      const lf = chunk.indexOf(LF, pos);
      if (this.#midLine) {
        const stop = lf === -1 ? chunk.length : lf + 1;
        if (!this.#discardRest) this.#append(chunk.subarray(pos, stop));
        if (lf !== -1) {
          this.#midLine = false;
          this.#discardRest = false;
          this.#previousBlank = false;
        }
        pos = stop;
        continue;
      }
      if (lf === -1) {
        flushRun(pos);
        const rest = chunk.subarray(pos);
        this.#carry = this.#carry === null ? rest.slice() : concat([this.#carry, rest]);
        if (this.#carry.length > MAX_CARRY) {
          this.#discardRest = this.#line(this.#carry);
          this.#carry = null;
          this.#midLine = true;
        }
        pos = chunk.length;
        break;
      }
      if (this.#carry === null && this.#heldBlank === null && isOrdinaryLine(chunk, pos, lf)) {
        if (run === -1) run = pos;
        this.#previousBlank = false;
        pos = lf + 1;
        continue;
      }
      flushRun(pos);
      const piece = chunk.subarray(pos, lf + 1);
      const line = this.#carry === null ? piece : concat([this.#carry, piece]);
      this.#carry = null;
      this.#line(line);
      pos = lf + 1;
    }
    flushRun(pos);
    // Views into `chunk` are copied before returning: the caller may reuse its buffer.
    this.#parts = this.#parts.map((p) => (p.buffer === chunk.buffer ? p.slice() : p));
    return this.#drain();
  }

  /** Ends the input; returns the last message(s). */
  end(): MboxMessage[] {
    if (this.#carry !== null) {
      this.#line(this.#carry);
      this.#carry = null;
    }
    this.#heldBlank = null; // the blank line writers put after the last message
    this.#finish();
    return this.#drain();
  }

  #drain(): MboxMessage[] {
    const out = this.#out;
    this.#out = [];
    return out;
  }

  /** Handles one line (with its line ending); returns true when it was a separator. */
  #line(line: Uint8Array): boolean {
    if (startsWithFrom(line, 0) && this.#isSeparator(line)) {
      this.#heldBlank = null;
      this.#finish();
      this.#open = true;
      this.#previousBlank = false;
      return true;
    }
    if (this.#heldBlank !== null) {
      this.#append(this.#heldBlank);
      this.#heldBlank = null;
    }
    if (isBlank(line)) {
      this.#heldBlank = line.slice();
      this.#previousBlank = true;
      return false;
    }
    this.#previousBlank = false;
    let quoted = 0;
    while (quoted < line.length && line[quoted] === GT) quoted++;
    this.#append(quoted > 0 && startsWithFrom(line, quoted) ? line.subarray(1) : line);
    return false;
  }

  #isSeparator(line: Uint8Array): boolean {
    if (!this.#open || this.#previousBlank) return true;
    return FROM_LINE.test(latin1.decode(line.subarray(0, 200)));
  }

  #append(bytes: Uint8Array): void {
    this.#open = true;
    const room = this.#maxMessageBytes - this.#size;
    if (room <= 0) {
      if (bytes.length > 0) this.#truncated = true;
      return;
    }
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    if (kept.length < bytes.length) this.#truncated = true;
    const last = this.#parts[this.#parts.length - 1];
    if (
      last !== undefined &&
      last.buffer === kept.buffer &&
      last.byteOffset + last.length === kept.byteOffset
    ) {
      // Consecutive lines of one chunk: widen the view instead of keeping one array per line.
      this.#parts[this.#parts.length - 1] = new Uint8Array(
        kept.buffer,
        last.byteOffset,
        last.length + kept.length,
      );
    } else {
      this.#parts.push(kept);
    }
    this.#size += kept.length;
  }

  #finish(): void {
    if (this.#open) {
      this.#count++;
      this.#out.push({ index: this.#count, bytes: concat(this.#parts), truncated: this.#truncated });
    }
    this.#parts = [];
    this.#size = 0;
    this.#truncated = false;
    this.#open = false;
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Whether the start of a file looks like an mbox: it begins with a `From ` line.
 *
 * @example
 * looksLikeMbox(new TextEncoder().encode('From MAILER-DAEMON Fri Jul  8 12:08:34 2011\n')); // true
 */
export function looksLikeMbox(head: Uint8Array): boolean {
  return startsWithFrom(head, 0);
}
