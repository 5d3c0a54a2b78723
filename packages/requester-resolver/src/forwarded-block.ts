import { addressKey, parseAddressList } from '@mailroom/headers';
import { DEFAULT_FORWARD_TABLES } from './forward-tables.js';
import { DEFAULT_RESOLVER_LIMITS } from './limits.js';
import type { ForwardLabelField, ForwardSubjectPrefix, ForwardTables, ResolverLimits } from './types.js';

/** Compiled look-up maps for one {@link ForwardTables}. */
export interface CompiledForwardTables {
  /** Folded phrase → `client (language)` and whether the marker needs a forward subject. */
  readonly markers: ReadonlyMap<string, { readonly name: string; readonly needsForwardSubject: boolean }>;
  readonly labels: ReadonlyMap<string, ForwardLabelField>;
  readonly prefixes: ReadonlySet<string>;
}

const SPACES = /\s+/g;

function fold(text: string): string {
  return text.replace(SPACES, ' ').trim().toLocaleLowerCase('und');
}

/** Builds the look-up maps; the first entry for a phrase wins. */
export function compileForwardTables(tables: ForwardTables): CompiledForwardTables {
  const markers = new Map<string, { name: string; needsForwardSubject: boolean }>();
  for (const m of tables.blockMarkers) {
    const k = fold(m.phrase);
    const needsForwardSubject = m.kind === 'original';
    const known = markers.get(k);
    // A phrase that some client writes only for forwards stays a forward marker.
    if (k !== '' && (known === undefined || (known.needsForwardSubject && !needsForwardSubject))) {
      markers.set(k, { name: `${m.client} (${m.language})`, needsForwardSubject });
    }
  }
  const labels = new Map<string, ForwardLabelField>();
  for (const l of tables.headerLabels) {
    const k = fold(l.label);
    if (k !== '' && !labels.has(k)) labels.set(k, l.field);
  }
  const prefixes = new Set<string>();
  for (const p of tables.subjectPrefixes) {
    const k = fold(p.prefix);
    if (k !== '') prefixes.add(k);
  }
  return { markers, labels, prefixes };
}

const isDecoration = (c: string): boolean =>
  c === '-' || c === '_' || c === '=' || c === '*' || c === '~' || c === ' ' || c === '\t' || c === '\u00a0';

/** Removes `>` quoting (any depth, with or without spaces) from the start of a line. */
function unquote(line: string): string {
  let i = 0;
  while (i < line.length && (line[i] === '>' || line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i);
}

/** A line of only underscores: Outlook's separator before the original's header block. */
function isUnderscoreRule(line: string): boolean {
  const t = line.trim();
  if (t.length < 8) return false;
  for (const c of t) if (c !== '_') return false;
  return true;
}

/** The marker phrase of a line: decoration and a final colon removed, folded. */
function markerKey(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && isDecoration(line[start]!)) start++;
  while (end > start && isDecoration(line[end - 1]!)) end--;
  if (end > start && (line[end - 1] === ':' || line[end - 1] === '：')) end--;
  return end - start > 80 ? '' : fold(line.slice(start, end));
}

/** Longest label read before the colon (labels are short words). */
const MAX_LABEL = 30;

interface LabelLine {
  readonly field: ForwardLabelField;
  readonly value: string;
}

/** Reads `Label: value` (also `*Label:* value`, `Label : value`, `Label：value`) when Label is a known label. */
function readLabelLine(line: string, labels: ReadonlyMap<string, ForwardLabelField>): LabelLine | null {
  const limit = Math.min(line.length, MAX_LABEL + 4);
  let colon = -1;
  for (let i = 0; i < limit; i++) {
    const c = line[i];
    if (c === ':' || c === '：') {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return null;
  let start = 0;
  let end = colon;
  while (start < end && (line[start] === '*' || line[start] === ' ' || line[start] === '\t')) start++;
  while (end > start && (line[end - 1] === '*' || line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  const field = labels.get(fold(line.slice(start, end)));
  if (field === undefined) return null;
  let v = colon + 1;
  while (v < line.length && (line[v] === '*' || line[v] === ' ' || line[v] === '\t')) v++;
  return { field, value: line.slice(v).trim() };
}

/**
 * Rewrites Outlook's plain-text link forms into angle addresses, in one pass without regular expressions:
 * `Ann [mailto:ann@x]` and `Ann <mailto:ann@x>` become `Ann <ann@x>`; `ann@x<mailto:ann@x>` becomes `ann@x`.
 */
function normalizeMailto(v: string): string {
  const lower = v.toLowerCase();
  let out = '';
  let pos = 0;
  for (;;) {
    const i = lower.indexOf('mailto:', pos);
    if (i === -1) break;
    const open = v[i - 1];
    const closeChar = open === '[' ? ']' : open === '<' ? '>' : null;
    const close = closeChar === null ? -1 : v.indexOf(closeChar, i + 7);
    if (close === -1) {
      out += v.slice(pos, i + 7);
      pos = i + 7;
      continue;
    }
    const before = v.slice(pos, i - 1);
    const prev = v[i - 2];
    const addressJustBefore = open === '<' && prev !== undefined && !' \t">'.includes(prev);
    out += addressJustBefore ? before : `${before}<${v.slice(i + 7, close)}>`;
    pos = close + 1;
  }
  return out + v.slice(pos);
}

/** The first valid mailbox in a forwarded `From:` value, in the forms clients write it. */
export function readForwardedMailbox(value: string): { address: string; name: string; key: string } | null {
  const v = normalizeMailto(value.slice(0, 1000));
  let list: ReturnType<typeof parseAddressList>;
  try {
    list = parseAddressList(v);
  } catch {
    return null;
  }
  for (const m of list) {
    const key = addressKey(m.address);
    // Gmail's text part shows the sender name in bold: `From: *Ann Example* <ann@x>`.
    if (key !== null) return { address: m.address, name: stripBold(m.name), key };
  }
  return null;
}

function stripBold(name: string): string {
  let start = 0;
  let end = name.length;
  while (start < end && name[start] === '*') start++;
  while (end > start && name[end - 1] === '*') end--;
  return name.slice(start, end).trim();
}

/** What was found in a forwarded body. */
export interface ForwardedOriginal {
  readonly address: string;
  readonly name: string;
  readonly key: string;
  /** Which marker (client and language) opened the block, or `labels` when only a label block was seen. */
  readonly format: string;
  /** 1-based line number of the `From:` label line. */
  readonly line: number;
}

/** Lines after a marker within which the original's header block must start. */
const BLOCK_WINDOW = 12;

/**
 * Finds the author of the first forwarded block in a text body: a `forward` marker line (Gmail, Apple Mail,
 * Thunderbird, webmails) followed by a header block, or, when `labelBlockAlone` (the subject says it is a forward),
 * an `original` marker (Outlook's "Original Message" or underscore line) or a bare header block of at least two known
 * labels including a sender label. Without a forward subject, reply history quoted under "Original Message" is not
 * taken for a forward.
 */
export function scanForwardedBlock(
  body: string,
  tables: CompiledForwardTables,
  limits: ResolverLimits,
  labelBlockAlone: boolean,
): ForwardedOriginal | null {
  const text = body.length > limits.maxBodyChars ? body.slice(0, limits.maxBodyChars) : body;
  let lineNo = 0;
  let pos = 0;
  let openedBy: string | null = null;
  let sinceMarker = 0;
  let blockLabels = 0;
  // The sender label of the current block, read once (a name-only sender stays null and is not re-read).
  let pendingFrom: { mailbox: ReturnType<typeof readForwardedMailbox>; line: number } | null = null;
  while (pos <= text.length && lineNo < limits.maxBodyLines) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    const raw = text.slice(pos, nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl);
    pos = nl + 1;
    lineNo++;
    const line = unquote(raw);
    if (line.trim() === '') {
      // A blank line ends a label block (Apple Mail puts one between the marker and the block).
      if (blockLabels > 0) {
        blockLabels = 0;
        pendingFrom = null;
      }
      continue;
    }
    const labelled = readLabelLine(line, tables.labels);
    if (labelled !== null) {
      if (openedBy !== null || labelBlockAlone) {
        blockLabels++;
        if (labelled.field === 'from' && pendingFrom === null)
          pendingFrom = { mailbox: readForwardedMailbox(labelled.value), line: lineNo };
        // After a marker, the From line alone is enough; without one, two labels make it a header block.
        if (pendingFrom !== null && (openedBy !== null || blockLabels >= 2)) {
          const { mailbox } = pendingFrom;
          if (mailbox !== null) return { ...mailbox, format: openedBy ?? 'labels', line: pendingFrom.line };
        }
      }
      continue;
    }
    blockLabels = 0;
    pendingFrom = null;
    if (isUnderscoreRule(line)) {
      if (labelBlockAlone) {
        openedBy = 'outlook (separator line)';
        sinceMarker = 0;
      }
      continue;
    }
    const m = tables.markers.get(markerKey(line));
    if (m !== undefined && (labelBlockAlone || !m.needsForwardSubject)) {
      openedBy = m.name;
      sinceMarker = 0;
      continue;
    }
    if (openedBy !== null && ++sinceMarker > BLOCK_WINDOW) openedBy = null;
  }
  return null;
}

/** Most `[tag]`s and prefixes stripped from a subject before giving up. */
const MAX_PREFIXES = 8;

/**
 * Whether a subject starts with a forward prefix (`Fwd:`, `WG:`, `TR:`, `RV:` ..., also `Fwd[2]:`, `FW :`,
 * `[EXTERNAL] FW:`), and which one.
 */
export function forwardSubjectPrefix(subject: string, prefixes: ReadonlySet<string>): string | null {
  let s = subject.slice(0, 400).trimStart();
  for (let n = 0; n < MAX_PREFIXES; n++) {
    if (s.startsWith('[')) {
      const close = s.indexOf(']');
      if (close === -1 || close > 64) return null;
      const inner = s.slice(1, close);
      const innerColon = inner.search(/[:：]/);
      // `[Fwd: subject]` (old Netscape/Thunderbird style) opens with a prefix; `[EXTERNAL]` is a tag to skip.
      if (innerColon > 0 && prefixes.has(fold(inner.slice(0, innerColon))))
        return inner.slice(0, innerColon).trim();
      s = s.slice(close + 1).trimStart();
      continue;
    }
    const colon = s.search(/[:：]/);
    if (colon <= 0 || colon > 24) return null;
    let token = s.slice(0, colon).trim();
    // `Fwd[2]` and `Fwd(2)` are counters some clients add.
    const counter = token.search(/[[(]/);
    if (counter > 0) token = token.slice(0, counter).trim();
    if (prefixes.has(fold(token))) return token;
    return null;
  }
  return null;
}

/**
 * Finds the author of the first forwarded block of a text body (the public face of what the resolver does for
 * agent forwards). With `subjectIsForward`, a bare header block (two known labels including a sender) counts
 * even without a marker line.
 *
 * @example
 * findForwardedOriginal('FYI\n\n---------- Forwarded message ---------\nFrom: Ann <ann@example.com>\n')?.address;
 * // 'ann@example.com'
 */
export function findForwardedOriginal(
  bodyText: string,
  options: {
    readonly tables?: Partial<ForwardTables>;
    readonly limits?: Partial<ResolverLimits>;
    readonly subjectIsForward?: boolean;
  } = {},
): ForwardedOriginal | null {
  return scanForwardedBlock(
    bodyText,
    compileForwardTables({ ...DEFAULT_FORWARD_TABLES, ...options.tables }),
    { ...DEFAULT_RESOLVER_LIMITS, ...options.limits },
    options.subjectIsForward ?? false,
  );
}

/**
 * The forward prefix a subject starts with (`Fwd`, `WG`, `TR`, `RV`, ...), or null.
 *
 * @example
 * isForwardSubject('WG: Rechnung 2291'); // 'WG'
 * isForwardSubject('Re: Fwd: x'); // null (a reply)
 */
export function isForwardSubject(
  subject: string,
  prefixes: readonly ForwardSubjectPrefix[] = DEFAULT_FORWARD_TABLES.subjectPrefixes,
): string | null {
  return forwardSubjectPrefix(
    subject,
    compileForwardTables({ ...DEFAULT_FORWARD_TABLES, subjectPrefixes: prefixes }).prefixes,
  );
}
