import fc from 'fast-check';
import { type GeneratedHeaderField, headerBlock, type LineEnding } from './header-fields.js';

/** A generated message: the text, its parts, and where the body starts. */
export interface GeneratedMessage {
  /** The whole message: header block, empty line, body. */
  readonly raw: string;
  readonly fields: readonly GeneratedHeaderField[];
  /** The body text (lines joined by `eol`), possibly empty. */
  readonly body: string;
  readonly eol: LineEnding;
  /** The header block as written (every field line followed by `eol`), without the empty line. */
  readonly headerBlock: string;
}

/** Options for {@link message}. */
export interface MessageOptions {
  /** The line ending (default: CRLF or LF, generated). */
  readonly eol?: LineEnding;
  /** Header fields at most (default 12). */
  readonly maxFields?: number;
  /** Body lines at most (default 8). */
  readonly maxBodyLines?: number;
}

const BODY_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?-()\'"@>';

/**
 * Generates a simple message: a {@link headerBlock}, the empty line, and a plain-text body (printable ASCII
 * lines, including quoted-reply lines and a line that looks like a header, which must stay body). With
 * `h = parseHeaders(m.raw)`, `m.raw.slice(h.bodyOffset)` is `m.body`.
 *
 * @example
 * fc.assert(fc.property(message(), (m) => m.raw.slice(parseHeaders(m.raw).bodyOffset ?? 0) === m.body));
 */
export function message(options: MessageOptions = {}): fc.Arbitrary<GeneratedMessage> {
  const maxBodyLines = options.maxBodyLines ?? 8;
  if (!Number.isInteger(maxBodyLines) || maxBodyLines < 0) {
    throw new TypeError('message: maxBodyLines must be a non-negative integer');
  }
  const blockOptions = {
    minFields: 1,
    maxFields: options.maxFields ?? 12,
    ...(options.eol === undefined ? {} : { eol: options.eol }),
  };
  const line = fc.oneof(
    { weight: 5, arbitrary: fc.string({ unit: fc.constantFrom(...BODY_CHARS), maxLength: 72 }) },
    { weight: 1, arbitrary: fc.constant('Subject: not a header, this is the body') },
    {
      weight: 1,
      arbitrary: fc.string({ unit: fc.constantFrom(...BODY_CHARS), maxLength: 40 }).map((s) => `> ${s}`),
    },
  );
  return fc
    .tuple(headerBlock(blockOptions), fc.array(line, { maxLength: maxBodyLines }))
    .map(([block, lines]) => {
      const body = lines.join(block.eol);
      return {
        raw: `${block.raw}${block.eol}${body}`,
        fields: block.fields,
        body,
        eol: block.eol,
        headerBlock: block.raw,
      };
    });
}
