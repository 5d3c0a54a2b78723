import { addresses, decodeEncodedWords, type HeaderList, messageDate, messageId } from '@mailroom/headers';

/** One message as `mailroom triage` hands it to the column providers. */
export interface TriageMessage {
  /** How the row names the message: the path as given for a file, `path#N` for an mbox, the file name in a Maildir. */
  readonly file: string;
  /** The file that holds the message (the mbox file for mbox messages). */
  readonly path: string;
  /** 1-based position of the message in its mbox; `null` for a file or a Maildir message. */
  readonly index: number | null;
  /** The whole message as read (mbox `>From ` quoting undone), at most `maxMessageBytes` of it. */
  readonly raw: Uint8Array;
  /** The parsed header block of `raw`; the body is `raw.subarray(headers.bodyOffset ?? raw.length)`. */
  readonly headers: HeaderList;
  /** Defect codes: the header parser's and the reader's (`message-truncated`), each once, in order found. */
  readonly defects: readonly string[];
}

/** A JSON value a column can produce. */
export type TriageValue = string | number | boolean | null | readonly TriageValue[] | TriageRecord;

/** A JSON object a column can produce. */
export interface TriageRecord {
  readonly [key: string]: TriageValue;
}

/**
 * One column of `mailroom triage`: a value for each message, printed under `key` in `--json` output and, when the
 * column has a `title`, as a cell of the table.
 *
 * Later packages add their own column (kind, requester, decision) by appending a provider to
 * {@link TRIAGE_COLUMNS}. `value` runs once per message and must not throw on hostile mail: return `null` (or a
 * reason code) for what it cannot read.
 */
export interface TriageColumn {
  /** Key in the `--json` object; unique among the columns. */
  readonly key: string;
  /** Heading in the table; leave it out for a column that only appears in `--json`. */
  readonly title?: string;
  /** Widest the table cell gets (in terminal cells); longer text is cut with `…`. Default 40. */
  readonly maxWidth?: number;
  /** Which end of a long cell to keep: `start` (default) cuts the end, `end` keeps the end (file paths). */
  readonly keep?: 'start' | 'end';
  /** The value for `--json`. */
  readonly value: (message: TriageMessage) => TriageValue;
  /**
   * The table cell text, from the value computed above. Default: strings as they are, arrays joined with `, `,
   * `null` as the empty string, anything else as JSON.
   */
  readonly cell?: (value: TriageValue, message: TriageMessage) => string;
}

function firstFrom(message: TriageMessage): { address: string; name: string } | null {
  const from = addresses(message.headers, 'from', { maxAddresses: 1 })[0];
  if (from !== undefined) return from;
  // No parsable mailbox: show what is written rather than nothing.
  const raw = message.headers.get('from');
  return raw === undefined ? null : { address: '', name: decodeEncodedWords(raw) };
}

function isoDate(ms: number | null): string | null {
  if (ms === null) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The message's place: `path`, `path#N` (mbox) or the Maildir file name. */
export const fileColumn: TriageColumn = {
  key: 'file',
  title: 'File',
  maxWidth: 36,
  keep: 'end',
  value: (m) => m.file,
};

/** The file that holds the message, as reached from the input (JSON only). */
export const pathColumn: TriageColumn = {
  key: 'path',
  value: (m) => m.path,
};

/** The first `From:` mailbox: the address in `--json`, `Name <address>` in the table. */
export const fromColumn: TriageColumn = {
  key: 'from',
  title: 'From',
  maxWidth: 40,
  // `null` also for the null sender `<>` and for a From: with no parsable mailbox (fromName then shows it).
  value: (m) => firstFrom(m)?.address || null,
  cell: (_value, m) => {
    const from = firstFrom(m);
    if (from === null) return '';
    if (from.name === '') return from.address;
    return from.address === '' ? from.name : `${from.name} <${from.address}>`;
  },
};

/** The decoded display name of the first `From:` mailbox (JSON only). */
export const fromNameColumn: TriageColumn = {
  key: 'fromName',
  value: (m) => firstFrom(m)?.name ?? null,
};

/** The `Subject:` with RFC 2047 encoded words decoded. */
export const subjectColumn: TriageColumn = {
  key: 'subject',
  title: 'Subject',
  maxWidth: 56,
  value: (m) => {
    const subject = m.headers.get('subject');
    return subject === undefined ? null : decodeEncodedWords(subject);
  },
};

/** The `Date:` as an ISO 8601 UTC string in `--json`, `YYYY-MM-DD HH:MM` (UTC) in the table. */
export const dateColumn: TriageColumn = {
  key: 'date',
  title: 'Date (UTC)',
  maxWidth: 16,
  value: (m) => isoDate(messageDate(m.headers)),
  cell: (value) => (typeof value === 'string' ? `${value.slice(0, 10)} ${value.slice(11, 16)}` : ''),
};

/** The `Message-ID` without angle brackets (JSON only). */
export const messageIdColumn: TriageColumn = {
  key: 'messageId',
  value: (m) => messageId(m.headers),
};

/** The defect codes of the message (JSON only). */
export const defectsColumn: TriageColumn = {
  key: 'defects',
  value: (m) => m.defects,
};

/**
 * The columns `mailroom triage` prints, in order. This is the extension point: a package that has something to
 * say about each message (its kind, its requester, the loop decision) appends one provider here, e.g.
 *
 * @example
 * const kindColumn: TriageColumn = {
 *   key: 'kind',
 *   title: 'Kind',
 *   maxWidth: 14,
 *   value: (m) => classifyMessage(m.headers).kind,
 * };
 * // then add `kindColumn` to the array below
 */
export const TRIAGE_COLUMNS: readonly TriageColumn[] = [
  fileColumn,
  pathColumn,
  fromColumn,
  fromNameColumn,
  subjectColumn,
  dateColumn,
  messageIdColumn,
  defectsColumn,
];
