import type { Classification } from './classification.js';
import { CATEGORIES, type Category } from './classification.js';

/** One-word summary of a classification: the most telling category, or `human`. */
export type Kind = Category | 'human';

/**
 * Picks one word that describes the message, for a `kind` column: the first of its categories in
 * {@link CATEGORIES} order (bounce before out-of-office before bulk ...), or `human` when it has none.
 *
 * @example
 * summarizeKind(classifyMessage('From: ann@example.com\r\nSubject: hi\r\n\r\nhello')); // 'human'
 */
export function summarizeKind(classification: Classification): Kind {
  for (const category of CATEGORIES) if (classification.categories.includes(category)) return category;
  return 'human';
}
