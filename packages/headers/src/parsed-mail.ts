import { HeaderList } from './header-list.js';
import { parseHeaders } from './parse.js';

/** The part of mailparser's `ParsedMail` this package reads: its raw header lines. */
export interface ParsedMailLike {
  readonly headerLines: ReadonlyArray<{ readonly key: string; readonly line: string }>;
}

/**
 * The same {@link HeaderList} as {@link parseHeaders} would give, built from a mailparser `ParsedMail`
 * (`simpleParser` result) so consumers who already run mailparser do not parse twice.
 * `bodyOffset` is `null`: the parsed mail no longer knows where its body started.
 *
 * @example
 * const parsed = await simpleParser(raw);
 * classifyMessage(fromParsedMail(parsed));
 */
export function fromParsedMail(parsed: ParsedMailLike): HeaderList {
  const block = `${parsed.headerLines.map((h) => h.line).join('\r\n')}\r\n`;
  // mailparser keeps header lines as binary strings (one char per byte); turn them back into bytes so that
  // UTF-8 headers (RFC 6532) and 8-bit garbage are read exactly as parseHeaders reads the original bytes.
  let binary = true;
  for (let i = 0; i < block.length && binary; i++) binary = block.charCodeAt(i) < 0x100;
  const list = parseHeaders(binary ? Uint8Array.from(block, (ch) => ch.charCodeAt(0)) : block);
  return new HeaderList(list.fields, list.defects, null, list.truncated);
}
