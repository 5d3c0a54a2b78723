/** One header field: its name as written and its unfolded value (line breaks of folding removed). */
export interface HeaderField {
  /** The field name as written (case preserved), e.g. `Message-ID`. */
  readonly name: string;
  /**
   * The unfolded raw value: the text after the colon with folding line breaks removed, leading and trailing
   * white space trimmed, encoded words left encoded. Use {@link decodeEncodedWords} for display text.
   */
  readonly value: string;
}

/** Stable codes for what was wrong with a header block. The parser records these and never throws. */
export type HeaderDefectCode =
  | 'mbox-from-line'
  | 'missing-colon'
  | 'invalid-field-name'
  | 'whitespace-before-colon'
  | 'continuation-without-field'
  | 'line-over-998'
  | 'line-truncated'
  | 'nul-byte'
  | 'invalid-utf8'
  | 'bare-cr'
  | 'header-too-large'
  | 'too-many-fields'
  | 'no-body-separator'
  | 'too-many-defects'
  | 'too-many-addresses'
  | 'invalid-encoded-word';

/** Something malformed in the input, with where it was found. */
export interface HeaderDefect {
  readonly code: HeaderDefectCode;
  readonly detail: string;
  /** 1-based physical line number in the header block, when the defect belongs to a line. */
  readonly line?: number;
}

/**
 * An ordered, read-only list of header fields with case-insensitive look-up.
 *
 * @example
 * const headers = parseHeaders('Subject: Hi\r\nsubject: again\r\n\r\nbody');
 * headers.get('SUBJECT'); // 'Hi'
 * headers.getAll('subject'); // ['Hi', 'again']
 */
export class HeaderList implements Iterable<HeaderField> {
  /** The fields in input order. */
  readonly fields: readonly HeaderField[];
  /** What was malformed; empty for a clean header block. */
  readonly defects: readonly HeaderDefect[];
  /**
   * Where the body starts in the input: a byte offset for `Uint8Array` input, a string index for string input;
   * the input length when the message has no body; `null` when the header block was cut at a bound.
   */
  readonly bodyOffset: number | null;
  /** True when a bound (bytes, fields) stopped the parser before the end of the header block. */
  readonly truncated: boolean;
  readonly #index: Map<string, number[]>;

  constructor(
    fields: readonly HeaderField[],
    defects: readonly HeaderDefect[] = [],
    bodyOffset: number | null = null,
    truncated = false,
  ) {
    this.fields = Object.freeze(fields.slice());
    this.defects = Object.freeze(defects.slice());
    this.bodyOffset = bodyOffset;
    this.truncated = truncated;
    // A Map, not an object: header names such as `__proto__` or `constructor` are ordinary keys here.
    const index = new Map<string, number[]>();
    for (let i = 0; i < this.fields.length; i++) {
      const key = this.fields[i]!.name.toLowerCase();
      const at = index.get(key);
      if (at) at.push(i);
      else index.set(key, [i]);
    }
    this.#index = index;
  }

  /** Number of fields. */
  get size(): number {
    return this.fields.length;
  }

  /** The value of the first field with this name (case-insensitive), or `undefined`. */
  get(name: string): string | undefined {
    const at = this.#index.get(name.toLowerCase());
    return at === undefined ? undefined : this.fields[at[0]!]!.value;
  }

  /** The values of every field with this name, in input order. */
  getAll(name: string): string[] {
    const at = this.#index.get(name.toLowerCase());
    return at === undefined ? [] : at.map((i) => this.fields[i]!.value);
  }

  /** Whether at least one field has this name. */
  has(name: string): boolean {
    return this.#index.has(name.toLowerCase());
  }

  /** The distinct lower-cased field names present. */
  names(): string[] {
    return [...this.#index.keys()];
  }

  /** The fields in message order, as `for (const field of headers)` walks them. */
  [Symbol.iterator](): Iterator<HeaderField> {
    return this.fields[Symbol.iterator]();
  }
}

/**
 * Builds a {@link HeaderList} from fields you already have (tests, other parsers, generated mail).
 *
 * @example
 * const list = createHeaderList([{ name: 'From', value: 'Ann <ann@example.com>' }]);
 */
export function createHeaderList(
  fields: Iterable<HeaderField>,
  defects: readonly HeaderDefect[] = [],
): HeaderList {
  return new HeaderList(
    [...fields].map((f) => ({ name: f.name, value: f.value })),
    defects,
  );
}
