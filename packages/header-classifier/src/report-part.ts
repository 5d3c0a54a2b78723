import { type HeaderList, type MimeLimits, type MimePart, mimeParts, partText } from '@mailroom/headers';
import type { DeliveryRecipient } from './classification.js';
import { cut, token } from './header-access.js';
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
   * Computed on first call (most messages never need it). With `inCharset` false each byte is read as one character
   * whatever the part's charset (enough for ASCII phrases, and several times cheaper than any charset conversion).
   */
  readonly firstText: (inCharset: boolean) => string;
  /** True when a bound stopped the walk. */
  readonly truncated: boolean;
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

// The walker's limits for each classifier limits object, built once (frozen, so the walker checks them once too).
const walkerLimitsOf = new WeakMap<ClassifierLimits, Partial<MimeLimits>>();

function walkerLimits(limits: ClassifierLimits): Partial<MimeLimits> {
  let out = walkerLimitsOf.get(limits);
  if (out === undefined) {
    out = Object.freeze({
      maxDepth: limits.maxDepth,
      // The walker counts the message itself as a part; the classifier's bound counts the parts inside it.
      maxParts: limits.maxParts + 1,
      maxScanBytes: limits.maxBodyBytes,
    });
    walkerLimitsOf.set(limits, out);
  }
  return out;
}

const RETURNED_MESSAGE_TYPES = new Set([
  'message/rfc822',
  'text/rfc822-headers',
  'message/global',
  'message/global-headers',
]);

/**
 * Walks a body with `@mailroom/headers`' MIME walker (bounded by `limits`) and reads only what classification needs:
 * the report part of a `multipart/report`, a text/calendar method, whether a returned message is attached, and
 * (lazily) the start of the first text part. Parts are decoded only when read, and the walk stops as soon as the
 * report part and the first text part are found (the returned original after them stays unread). Never throws.
 */
export function readBody(
  body: Uint8Array | string,
  headers: HeaderList,
  limits: ClassifierLimits,
): BodyFindings {
  const truncatedInput = body.length > limits.maxBodyBytes;
  const bytes =
    typeof body === 'string' ? new TextEncoder().encode(body.slice(0, limits.maxBodyBytes)) : body;
  const walk = mimeParts(bytes, headers, { bodyOffset: 0, limits: walkerLimits(limits) });
  let reportType = '';
  let reportPart = '';
  let recipients: DeliveryRecipient[] = [];
  let feedbackType: string | undefined;
  let disposition: string | undefined;
  let calendarMethod = '';
  let returnedMessage = false;
  let firstText: MimePart | null = null;
  // Report fields (RFC 3464, 5965, 8098) and calendar properties are ASCII: read the bytes one to one, whatever
  // charset the part claims (no conversion, a one-byte string); the `message/global-*` reports are UTF-8 (RFC 6533).
  const text = (part: MimePart, max: number): string =>
    partText(bytes, part, {
      maxBytes: max,
      maxChars: max,
      charset: part.mediaType.startsWith('message/global') ? 'utf-8' : 'binary',
    });
  for (const part of walk) {
    const media = part.mediaType;
    if (media.startsWith('multipart/')) {
      if (media === 'multipart/report' && reportType === '')
        reportType = (part.contentType.params.get('report-type') ?? '').toLowerCase();
    } else if (media === 'message/delivery-status' || media === 'message/global-delivery-status') {
      if (reportPart === '') {
        reportPart = media;
        recipients = readDeliveryStatus(text(part, limits.maxBodyBytes), limits.maxRecipients);
      }
    } else if (media === 'message/feedback-report') {
      if (reportPart === '') {
        reportPart = media;
        feedbackType = readFields(text(part, limits.maxBodyBytes), 'feedback-type');
      }
    } else if (
      media === 'message/disposition-notification' ||
      media === 'message/global-disposition-notification'
    ) {
      if (reportPart === '') {
        reportPart = media;
        disposition = readFields(text(part, limits.maxBodyBytes), 'disposition');
      }
    } else if (RETURNED_MESSAGE_TYPES.has(media)) {
      returnedMessage = true;
    } else if (media === 'text/calendar') {
      if (calendarMethod === '')
        calendarMethod = (
          part.contentType.params.get('method') ??
          readFields(text(part, 4096), 'method') ??
          ''
        ).toLowerCase();
    } else if (media.startsWith('text/')) {
      firstText ??= part;
    }
    // Everything classification reads is found: the rest (usually the returned original) stays unread.
    if (reportPart !== '' && firstText !== null && calendarMethod === '') break;
  }
  const cached: [string | undefined, string | undefined] = [undefined, undefined];
  const scan = limits.maxBodyScan;
  return {
    reportType,
    reportPart,
    recipients,
    ...(feedbackType !== undefined ? { feedbackType } : {}),
    ...(disposition !== undefined ? { disposition } : {}),
    calendarMethod,
    returnedMessage,
    firstText: (inCharset) => {
      const slot = inCharset ? 1 : 0;
      cached[slot] ??=
        firstText === null
          ? ''
          : collapse(
              partText(bytes, firstText, {
                maxBytes: scan,
                maxChars: scan,
                ...(inCharset ? {} : { charset: 'binary' }),
              }),
              scan,
            );
      return cached[slot];
    },
    truncated: truncatedInput || walk.truncated,
  };
}
