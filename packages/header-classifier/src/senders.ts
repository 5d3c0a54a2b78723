import type { SenderAddress } from './header-access.js';
import { CLASSIFIER_PATTERNS as P } from './patterns.js';
import type { SignatureTables } from './signatures.js';

/** A VERP-style envelope sender: `list-bounces+ann=example.com@`, `bounce-123-ann@`, `…=verp…@`. */
export function isVerp(returnPath: string): boolean {
  const at = returnPath.lastIndexOf('@');
  if (at === -1) return false;
  const local = returnPath.slice(0, at).replace('<', '').toLowerCase();
  for (const word of ['bounce', 'verp', 'bnc', 'return']) {
    const i = local.indexOf(word);
    if (i > 0 && '+-=_.'.includes(local[i - 1]!)) return true;
    if (
      i === 0 &&
      local.length > word.length + 1 &&
      '+-=_.'.includes(local[word.length + (local[word.length] === 's' ? 1 : 0)] ?? '')
    )
      return true;
  }
  return false;
}

export function includesAny(text: string, parts: readonly string[]): boolean {
  for (const p of parts) if (text.includes(p)) return true;
  return false;
}

export function normalizedLocalPart(localPart: string): string {
  const plus = localPart.indexOf('+');
  return (plus === -1 ? localPart : localPart.slice(0, plus)).replace(P.localPartSeparators, '');
}

export function systemSenderEntry(
  localPart: string,
  tables: SignatureTables,
): { automated: boolean } | undefined {
  for (const entry of tables.systemSenders) {
    const lp = entry.localPart.toLowerCase();
    if (lp.endsWith('*') ? localPart.startsWith(lp.slice(0, -1)) : localPart === lp) return entry;
  }
  return undefined;
}

export function isAllowlisted(
  sender: SenderAddress | null,
  allowlist: readonly string[] | undefined,
): boolean {
  if (sender === null || allowlist === undefined || sender.domain === '') return false;
  for (const raw of allowlist) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    const at = entry.indexOf('@');
    if (at > 0) {
      if (entry === sender.address) return true;
      continue;
    }
    const domain = at === 0 ? entry.slice(1) : entry;
    if (sender.domain === domain || sender.domain.endsWith(`.${domain}`)) return true;
  }
  return false;
}
