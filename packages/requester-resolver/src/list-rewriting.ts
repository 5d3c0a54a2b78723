import type { HeaderList } from '@mailroom/headers';

/** A header that shows a message went through list software. */
export interface ListSoftwareSignature {
  /** `mailman`, `google-groups`, `generic-list` ... (reported in the explanation). */
  readonly software: string;
  /** Header name, case-insensitive. */
  readonly field: string;
  /** When set, the header value must contain this text (case-insensitive); otherwise presence is enough. */
  readonly valueIncludes?: string;
}

/**
 * How list software is recognised. Extend it for other list managers (Sympa, LISTSERV, groups.io, ...).
 * Order matters only for the name reported: the first matching signature names the software.
 */
export const LIST_SOFTWARE_SIGNATURES: readonly ListSoftwareSignature[] = Object.freeze([
  { software: 'mailman', field: 'X-Mailman-Version' },
  { software: 'mailman', field: 'X-Mailman-Rule-Hits' },
  { software: 'google-groups', field: 'X-Google-Group-Id' },
  { software: 'google-groups', field: 'Mailing-list', valueIncludes: 'googlegroups.com' },
  { software: 'google-groups', field: 'List-ID', valueIncludes: 'googlegroups.com' },
  { software: 'sympa', field: 'X-Sympa-To' },
  { software: 'listserv', field: 'X-LISTSERV-Version' },
  { software: 'generic-list', field: 'List-Id' },
  { software: 'generic-list', field: 'List-Post' },
  { software: 'generic-list', field: 'X-BeenThere' },
  { software: 'generic-list', field: 'Precedence', valueIncludes: 'list' },
]);

/**
 * Headers where list software keeps the original author when it rewrites From (DMARC mitigation), most trusted
 * first: Mailman 3, Google Groups and Groups.io write `X-Original-From`; Google Groups writes `X-Original-Sender`.
 */
export const ORIGINAL_SENDER_FIELDS: readonly string[] = Object.freeze([
  'X-Original-From',
  'X-Original-Sender',
]);

/**
 * Headers with the post's envelope sender (Mailman 3 `X-MailFrom`): used last, after Reply-To and Cc, because it
 * can be a BATV/SRS/VERP address rather than the author's.
 */
export const ENVELOPE_SENDER_FIELDS: readonly string[] = Object.freeze(['X-MailFrom']);

/** The first signature that matches, or null. */
export function detectListSoftware(
  headers: HeaderList,
  signatures: readonly ListSoftwareSignature[],
): ListSoftwareSignature | null {
  for (const s of signatures) {
    if (!headers.has(s.field)) continue;
    const values = headers.getAll(s.field);
    if (s.valueIncludes === undefined) return s;
    const needle = s.valueIncludes.toLowerCase();
    if (values.some((v) => v.slice(0, 4096).toLowerCase().includes(needle))) return s;
  }
  return null;
}

/**
 * The author's name in a DMARC-munged display name `'Ann Example' via Users` (Mailman 2.1/3, Google Groups,
 * Groups.io), quotes removed; null when the name has no ` via ` part.
 */
export function viaAuthorName(displayName: string): string | null {
  const n = displayName.slice(0, 512);
  const at = n.toLowerCase().lastIndexOf(' via ');
  if (at <= 0 || at >= n.length - 5) return null;
  let author = n.slice(0, at).trim();
  if (author.length >= 2 && (author[0] === "'" || author[0] === '"') && author.endsWith(author[0]!)) {
    author = author.slice(1, -1).trim();
  }
  return author;
}

/**
 * Candidate list addresses as strings for the address parser: the List-Post `mailto:`, `X-BeenThere`, the
 * `Mailing-list` address, and the List-Id turned into an address the way Mailman builds it (`<name.domain>` for
 * `name@domain`).
 */
export function listAddressCandidates(headers: HeaderList): string[] {
  const out: string[] = [];
  for (const v of headers.getAll('List-Post').slice(0, 4)) {
    const i = v.toLowerCase().indexOf('mailto:');
    if (i === -1) continue;
    let end = i + 7;
    while (end < v.length && end < i + 7 + 320 && !'>?, \t'.includes(v[end]!)) end++;
    out.push(v.slice(i + 7, end));
  }
  for (const v of headers.getAll('X-BeenThere').slice(0, 4)) out.push(v.slice(0, 400));
  for (const v of headers.getAll('Mailing-list').slice(0, 4)) {
    // Google Groups: `list group@googlegroups.com; contact group+owners@googlegroups.com`
    const first = v.slice(0, 400).split(';')[0] ?? '';
    const word = first.trim().split(/\s+/).pop();
    if (word) out.push(word);
  }
  for (const v of headers.getAll('List-Id').slice(0, 4)) {
    const lt = v.lastIndexOf('<');
    const gt = v.lastIndexOf('>');
    if (lt === -1 || gt < lt || gt - lt > 300) continue;
    const id = v.slice(lt + 1, gt);
    const dot = id.indexOf('.');
    if (dot > 0 && dot < id.length - 1) out.push(`${id.slice(0, dot)}@${id.slice(dot + 1)}`);
  }
  return out;
}
