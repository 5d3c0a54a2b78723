import type { HeaderField } from './header-list.js';

/** Options for {@link serializeHeaders}. */
export interface SerializeOptions {
  /** Line ending, `\r\n` (default, as on the wire) or `\n`. */
  readonly eol?: '\r\n' | '\n';
  /** Fold lines longer than this at white space (default 78; 0 never folds). */
  readonly foldAt?: number;
}

const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

function fold(line: string, width: number, eol: string): string {
  if (width <= 0 || line.length <= width) return line;
  let out = '';
  let lineStart = 0;
  let lastBreak = -1;
  for (let i = 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const prev = line.charCodeAt(i - 1);
    const next = line.charCodeAt(i + 1);
    // Break only before a white space that follows text and precedes text, so no line is blank.
    if (
      (c === 0x20 || c === 0x09) &&
      prev !== 0x20 &&
      prev !== 0x09 &&
      i + 1 < line.length &&
      next !== 0x20 &&
      next !== 0x09
    ) {
      if (i - lineStart > width && lastBreak > lineStart) {
        out += line.slice(lineStart, lastBreak) + eol;
        lineStart = lastBreak;
      }
      lastBreak = i;
    }
  }
  if (line.length - lineStart > width && lastBreak > lineStart) {
    out += line.slice(lineStart, lastBreak) + eol;
    lineStart = lastBreak;
  }
  return out + line.slice(lineStart);
}

/**
 * Writes header fields as a header block (`Name: value` lines, folded at white space, each ending in `eol`),
 * without the empty line that separates the body. `parseHeaders` of the result gives the same fields back for
 * any value without line breaks and without leading or trailing white space.
 * Throws on an invalid field name or a value with a line break (programmer errors).
 *
 * @example
 * serializeHeaders([{ name: 'Subject', value: 'Hello' }]); // 'Subject: Hello\r\n'
 */
export function serializeHeaders(fields: Iterable<HeaderField>, options: SerializeOptions = {}): string {
  const eol = options.eol ?? '\r\n';
  const width = options.foldAt ?? 78;
  let out = '';
  for (const { name, value } of fields) {
    if (!FIELD_NAME.test(name))
      throw new TypeError(`serializeHeaders: invalid field name ${JSON.stringify(name)}`);
    if (/[\r\n]/.test(value)) {
      throw new TypeError(`serializeHeaders: the value of ${name} contains a line break; unfold it first`);
    }
    out += fold(`${name}: ${value}`, width, eol) + eol;
  }
  return out;
}
