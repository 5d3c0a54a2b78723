import type { HeaderList } from '@mailroom/headers';
import type { Classification } from './classification.js';
import type { ClassifyOptions } from './options.js';

/**
 * Classifies a message (stub: the public signature; the implementation follows).
 *
 * @example
 * classifyMessage('From: ann@example.com\r\n\r\nhello').categories; // []
 */
export function classifyMessage(
  _input: HeaderList | Uint8Array | string,
  _options: ClassifyOptions = {},
): Classification {
  return {
    categories: [],
    automated: false,
    suppressAutoReply: false,
    allowlisted: false,
    evidence: [],
    truncated: false,
  };
}
