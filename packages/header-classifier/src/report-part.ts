import type { DeliveryRecipient } from './classification.js';
import { cut, type MediaType, parseMediaType, token } from './header-access.js';
import type { ClassifierLimits } from './options.js';
import { CLASSIFIER_PATTERNS as P } from './patterns.js';

/** What the bounded MIME walk found in a body. */
export interface BodyFindings {
  /** `report-type` of the first multipart/report met (lower-case), or `''`. */
  readonly reportType: string;
  /** Media type of the machine-readable report part found (`message/delivery-status`, ...), or `''`. */
  readonly reportPart: string;
  readonly recipients: readonly DeliveryRecipient[];
  readonly feedbackType?: string;
  readonly disposition?: string;
  /** `method` of a text/calendar part (lower-case), or `''`. */
  readonly calendarMethod: string;
  /** Whether a message/rfc822 or text/rfc822-headers part (a returned original) was seen. */
  readonly returnedMessage: boolean;
  /**
   * Decoded start of the first text part, lower-cased, whitespace collapsed, at most `maxBodyScan` characters.
   * Computed on first call (most messages never need it).
   */
  readonly firstText: () => string;
  /** True when a bound stopped the walk. */
  readonly truncated: boolean;
}

// The walk reads only ASCII structure (boundaries, part headers, DSN fields, bounce wording): UTF-8 decoding is the
// fastest native decoder, and any 8-bit byte it cannot read becomes U+FFFD without moving the ASCII around it.
const bodyDecoder = new TextDecoder('utf-8');

interface Walk {
  parts: number;
  truncated: boolean;
  reportType: string;
  reportPart: string;
  recipients: DeliveryRecipient[];
  feedbackType?: string;
  disposition?: string;
  calendarMethod: string;
  returnedMessage: boolean;
  firstText: { raw: string; encoding: string; html: boolean } | null;
}

function decodeTransfer(text: string, encoding: string): string {
  if (encoding === 'base64') {
    try {
      return atob(text.replace(P.notBase64, ''));
    } catch {
      return text;
    }
  }
  if (encoding === 'quoted-printable') {
    return text
      .replace(P.softLineBreak, '')
      .replace(P.quotedPrintableByte, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
  return text;
}

/** Reads RFC 3464 per-recipient fields. Blocks are separated by blank lines; a second Final-Recipient starts a new one. */
export function readDeliveryStatus(text: string, maxRecipients: number): DeliveryRecipient[] {
  const out: DeliveryRecipient[] = [];
  let current: { action?: string; status?: string; finalRecipient?: string } = {};
  const flush = (): void => {
    if (current.action !== undefined || current.finalRecipient !== undefined) {
      if (out.length < maxRecipients) {
        out.push({
          action: current.action ?? '',
          ...(current.status !== undefined ? { status: current.status } : {}),
          ...(current.finalRecipient !== undefined ? { finalRecipient: current.finalRecipient } : {}),
        });
      }
    }
    current = {};
  };
  const lines = text.split(P.lineBreak);
  for (const raw of lines) {
    if (out.length >= maxRecipients) break;
    const line = raw.trimEnd();
    if (line === '') {
      flush();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || line[0] === ' ' || line[0] === '\t') continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = cut(line.slice(colon + 1), 256);
    if (name === 'final-recipient' || name === 'original-recipient') {
      if (name === 'final-recipient' && current.finalRecipient !== undefined) flush();
      if (name === 'final-recipient') {
        const semi = value.indexOf(';');
        current.finalRecipient = (semi === -1 ? value : value.slice(semi + 1))
          .trim()
          .replace(P.angleBrackets, '');
      }
    } else if (name === 'action') {
      if (current.action !== undefined) flush();
      current.action = token(value).split(P.actionEnd)[0] ?? '';
    } else if (name === 'status') {
      const m = P.dsnStatus.exec(token(value));
      if (m) current.status = m[0];
    }
  }
  flush();
  return out;
}

function readFields(text: string, wanted: string): string | undefined {
  for (const line of text.split(P.lineBreak, 200)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted)
      return token(cut(line.slice(colon + 1), 256));
  }
  return undefined;
}

function collapse(text: string, max: number): string {
  return text.slice(0, max).replace(P.whitespaceRun, ' ').trim().toLowerCase();
}

/** Drops HTML tags without a regular expression (a `<` without `>` must not rescan the rest of the text). */
function stripTags(html: string): string {
  let out = '';
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (lt === -1) {
      out += html.slice(at);
      break;
    }
    out += `${html.slice(at, lt)} `;
    const gt = html.indexOf('>', lt);
    if (gt === -1) break;
    at = gt + 1;
  }
  return out;
}

/** Yields the part bodies between boundary delimiter lines, one at a time (bounded by `limits.maxParts`). */
function* splitMultipart(
  text: string,
  boundary: string,
  walk: Walk,
  limits: ClassifierLimits,
): Generator<string, void, undefined> {
  const delimiter = `--${boundary}`;
  let at = text.indexOf(delimiter);
  // A delimiter counts only at the start of a line.
  while (at > 0 && text[at - 1] !== '\n') at = text.indexOf(delimiter, at + 1);
  while (at !== -1) {
    const afterDelim = at + delimiter.length;
    if (text.startsWith('--', afterDelim)) break;
    const lineEnd = text.indexOf('\n', afterDelim);
    if (lineEnd === -1) break;
    let next = text.indexOf(delimiter, lineEnd);
    while (next > 0 && text[next - 1] !== '\n') next = text.indexOf(delimiter, next + 1);
    const end = next === -1 ? text.length : next;
    if (walk.parts >= limits.maxParts) {
      walk.truncated = true;
      break;
    }
    walk.parts++;
    yield text.slice(lineEnd + 1, end);
    at = next;
  }
}

/** A multipart without a usable boundary parameter (folded badly, or cut): take the first `--` line of the body. */
function guessBoundary(text: string): string {
  let at = text.startsWith('--') ? 0 : text.indexOf('\n--');
  if (at === -1) return '';
  if (at > 0) at += 1;
  const end = text.indexOf('\n', at);
  const line = text
    .slice(at + 2, end === -1 ? Math.min(text.length, at + 200) : Math.min(end, at + 200))
    .trim();
  return line.endsWith('--') ? line.slice(0, -2) : line;
}

function visit(
  text: string,
  type: MediaType,
  encoding: string,
  depth: number,
  walk: Walk,
  limits: ClassifierLimits,
): void {
  const media = type.mediaType;
  if (media.startsWith('multipart/')) {
    if (depth >= limits.maxDepth) {
      walk.truncated = true;
      return;
    }
    if (media === 'multipart/report' && walk.reportType === '')
      walk.reportType = (type.params.get('report-type') ?? '').toLowerCase();
    const boundary = type.params.get('boundary') || guessBoundary(text);
    if (boundary === '') return;
    for (const part of splitMultipart(text, boundary, walk, limits)) {
      // Everything classification reads is found: the rest (usually the returned original) stays unread.
      if (walk.reportPart !== '' && walk.firstText !== null && walk.calendarMethod === '') break;
      const head = partHeaders(part);
      visit(
        part.slice(head.bodyStart),
        parseMediaType(head.contentType?.slice(0, 1024)),
        head.encoding,
        depth + 1,
        walk,
        limits,
      );
    }
    return;
  }
  if (media === 'message/delivery-status' || media === 'message/global-delivery-status') {
    if (walk.reportPart === '') {
      walk.reportPart = media;
      walk.recipients = readDeliveryStatus(decodeTransfer(text, encoding), limits.maxRecipients);
    }
    return;
  }
  if (media === 'message/feedback-report') {
    if (walk.reportPart === '') {
      walk.reportPart = media;
      const feedbackType = readFields(decodeTransfer(text, encoding), 'feedback-type');
      if (feedbackType !== undefined) walk.feedbackType = feedbackType;
    }
    return;
  }
  if (media === 'message/disposition-notification' || media === 'message/global-disposition-notification') {
    if (walk.reportPart === '') {
      walk.reportPart = media;
      const disposition = readFields(decodeTransfer(text, encoding), 'disposition');
      if (disposition !== undefined) walk.disposition = disposition;
    }
    return;
  }
  if (
    media === 'message/rfc822' ||
    media === 'text/rfc822-headers' ||
    media === 'message/global' ||
    media === 'message/global-headers'
  ) {
    walk.returnedMessage = true;
    return;
  }
  if (media === 'text/calendar') {
    if (walk.calendarMethod === '')
      walk.calendarMethod = (
        type.params.get('method') ??
        readFields(text.slice(0, 4096), 'method') ??
        ''
      ).toLowerCase();
    return;
  }
  if (media.startsWith('text/') && walk.firstText === null) {
    walk.firstText = {
      raw: text.slice(
        0,
        encoding === 'base64' ? Math.ceil((limits.maxBodyScan * 4) / 3) + 4 : limits.maxBodyScan,
      ),
      encoding,
      html: media === 'text/html',
    };
  }
}

function lazyText(part: Walk['firstText'], max: number): () => string {
  let cached: string | undefined;
  return () => {
    if (cached === undefined) {
      if (part === null) cached = '';
      else {
        const raw = decodeTransfer(part.raw, part.encoding);
        cached = collapse(part.html ? stripTags(raw) : raw, max);
      }
    }
    return cached;
  };
}

/** Reads the two fields a part needs from its header block, unfolding continuation lines; bounded by the caller. */
function partHeaders(part: string): { contentType: string | undefined; encoding: string; bodyStart: number } {
  let contentType: string | undefined;
  let encoding = '';
  let current: 'type' | 'encoding' | null = null;
  let at = 0;
  const limit = Math.min(part.length, 16 * 1024);
  while (at < limit) {
    let end = part.indexOf('\n', at);
    if (end === -1) end = part.length;
    const line = part.slice(at, end).replace('\r', '');
    const next = end + 1;
    if (line === '') return { contentType, encoding: token(encoding.slice(0, 64)), bodyStart: next };
    const first = line.charCodeAt(0);
    if (first === 0x20 || first === 0x09) {
      if (current === 'type' && contentType !== undefined && contentType.length < 1024) contentType += line;
      else if (current === 'encoding') encoding += line;
    } else {
      const colon = line.indexOf(':');
      const name = colon === -1 ? '' : line.slice(0, colon).trim().toLowerCase();
      current = null;
      if (name === 'content-type' && contentType === undefined) {
        contentType = line.slice(colon + 1);
        current = 'type';
      } else if (name === 'content-transfer-encoding' && encoding === '') {
        encoding = line.slice(colon + 1);
        current = 'encoding';
      }
    }
    at = next;
  }
  return { contentType, encoding: token(encoding.slice(0, 64)), bodyStart: part.length };
}

/**
 * Walks a body (bounded by `limits`) and reads only what classification needs: the report part of a
 * `multipart/report`, a text/calendar method, and the start of the first text part. Never throws.
 */
export function readBody(
  body: Uint8Array | string,
  contentType: MediaType,
  transferEncoding: string | undefined,
  limits: ClassifierLimits,
): BodyFindings {
  const truncatedInput = body.length > limits.maxBodyBytes;
  const text =
    typeof body === 'string'
      ? body.slice(0, limits.maxBodyBytes)
      : bodyDecoder.decode(body.subarray(0, limits.maxBodyBytes));
  const walk: Walk = {
    parts: 0,
    truncated: truncatedInput,
    reportType: '',
    reportPart: '',
    recipients: [],
    calendarMethod: '',
    returnedMessage: false,
    firstText: null,
  };
  visit(text, contentType, token(transferEncoding?.slice(0, 64) ?? ''), 0, walk, limits);
  return {
    reportType: walk.reportType,
    reportPart: walk.reportPart,
    recipients: walk.recipients,
    ...(walk.feedbackType !== undefined ? { feedbackType: walk.feedbackType } : {}),
    ...(walk.disposition !== undefined ? { disposition: walk.disposition } : {}),
    calendarMethod: walk.calendarMethod,
    returnedMessage: walk.returnedMessage,
    firstText: lazyText(walk.firstText, limits.maxBodyScan),
    truncated: walk.truncated,
  };
}
