import { addressKey, type HeaderList, parseAddressList } from '@mailroom/headers';
import { DEFAULT_RESOLVER_LIMITS } from './limits.js';

/** A failed recipient read from a bounce. */
export interface FailedRecipient {
  readonly address: string;
  readonly key: string;
  /** `Final-Recipient`, `Original-Recipient` or `X-Failed-Recipients`. */
  readonly field: string;
}

const FIELDS = ['final-recipient', 'original-recipient'] as const;

/** The address of `rfc822; ann@example.com` (the address type is optional in broken reports). */
function addressOfTypedValue(value: string): { address: string; key: string } | null {
  const semi = value.indexOf(';');
  const text = (semi === -1 ? value : value.slice(semi + 1)).trim().slice(0, 400);
  if (semi !== -1) {
    const type = value.slice(0, semi).trim().toLowerCase();
    if (type !== 'rfc822' && type !== '') return null;
  }
  let list: ReturnType<typeof parseAddressList>;
  try {
    list = parseAddressList(text);
  } catch {
    return null;
  }
  for (const m of list) {
    const key = addressKey(m.address);
    if (key !== null) return { address: m.address, key };
  }
  return null;
}

/**
 * Reads the first failed recipient of a bounce: `Final-Recipient` (else `Original-Recipient`) in the report text
 * (RFC 3464 `message/delivery-status` fields, one per line, anywhere in the text so a whole bounce body works),
 * else the `X-Failed-Recipients` header (Exim). Reads at most `maxChars` characters; never throws.
 *
 * @example
 * findFailedRecipient(parseHeaders(raw), 'Final-Recipient: rfc822; ann@example.com\n')?.address; // 'ann@example.com'
 */
export function findFailedRecipient(
  headers: HeaderList,
  reportText?: string,
  maxChars: number = DEFAULT_RESOLVER_LIMITS.maxReportChars,
): FailedRecipient | null {
  if (reportText !== undefined && reportText.length > 0) {
    const text = reportText.length > maxChars ? reportText.slice(0, maxChars) : reportText;
    const found: (FailedRecipient | null)[] = [null, null];
    let pos = 0;
    while (pos < text.length) {
      let nl = text.indexOf('\n', pos);
      if (nl === -1) nl = text.length;
      const line = text.slice(pos, nl);
      pos = nl + 1;
      const colon = line.indexOf(':');
      if (colon < 14 || colon > 20) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const which = FIELDS.indexOf(name as (typeof FIELDS)[number]);
      if (which === -1 || found[which] !== null) continue;
      const a = addressOfTypedValue(line.slice(colon + 1));
      if (a === null) continue;
      found[which] = { ...a, field: which === 0 ? 'Final-Recipient' : 'Original-Recipient' };
      if (which === 0) break;
    }
    const first = found[0] ?? found[1];
    if (first) return first;
  }
  for (const v of headers.getAll('X-Failed-Recipients').slice(0, 4)) {
    let list: ReturnType<typeof parseAddressList>;
    try {
      list = parseAddressList(v.slice(0, 4000));
    } catch {
      continue;
    }
    for (const m of list) {
      const key = addressKey(m.address);
      if (key !== null) return { address: m.address, key, field: 'X-Failed-Recipients' };
    }
  }
  return null;
}
