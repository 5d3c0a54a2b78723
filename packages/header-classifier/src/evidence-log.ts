import type { Category, Strength } from './classification.js';
import { cut } from './header-access.js';

/** Categories that mean "a machine wrote this without a person acting". */
export const AUTOMATED_CATEGORIES: ReadonlySet<Category> = new Set<Category>([
  'bounce',
  'delivery-delay',
  'delivery-report',
  'read-receipt',
  'feedback-report',
  'out-of-office',
  'auto-reply',
  'challenge-response',
  'system-sender',
  'no-reply-sender',
  'auto-generated',
  'bulk',
]);

const MAX_EVIDENCE_VALUE = 200;

/** One piece of evidence while it is being collected (flags are internal). */
export interface Found {
  signal: string;
  category: Category | null;
  strength: Strength;
  header?: string;
  value?: string;
  discounted?: string;
  /** Counts toward `automated` (defaults to the category being an automated one). */
  automates: boolean;
  suppress: boolean;
}

/** What an evidence entry says besides its signal, category and strength. */
export interface AddOptions {
  readonly header?: string;
  readonly value?: string;
  readonly automates?: boolean;
  readonly suppress?: boolean;
}

/** The evidence of one classification, in the order it was found. */
export class EvidenceLog {
  readonly list: Found[] = [];

  add(signal: string, category: Category | null, strength: Strength, options: AddOptions = {}): Found {
    const found: Found = {
      signal,
      category,
      strength,
      automates: options.automates ?? (category !== null && AUTOMATED_CATEGORIES.has(category)),
      suppress: options.suppress ?? true,
    };
    if (options.header !== undefined) found.header = options.header;
    if (options.value !== undefined) found.value = cut(options.value, MAX_EVIDENCE_VALUE);
    this.list.push(found);
    return found;
  }

  /** Counted evidence: not discounted, not weak. */
  counted(): Found[] {
    return this.list.filter((e) => e.discounted === undefined && e.strength !== 'weak');
  }

  hasCategory(category: Category): boolean {
    return this.list.some(
      (e) => e.category === category && e.discounted === undefined && e.strength !== 'weak',
    );
  }

  has(signal: string): boolean {
    return this.list.some((e) => e.signal === signal && e.discounted === undefined);
  }
}
