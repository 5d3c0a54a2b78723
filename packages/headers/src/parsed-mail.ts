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
  const list = parseHeaders(block);
  return new HeaderList(list.fields, list.defects, null, list.truncated);
}
