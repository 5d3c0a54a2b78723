import type { RequesterResolution } from './types.js';

/** A flat, display-ready view of a {@link RequesterResolution} (table columns, CSV, one-line JSON). */
export interface ResolutionColumns {
  /** `Name <address>` or `address`, `''` when none. */
  readonly requester: string;
  /** The requester's source (`reply-to`, `forwarded-original`, ...), `''` when none. */
  readonly requesterSource: string;
  /** The support address the mail was sent to, `''` when none. */
  readonly recipient: string;
  /** CC addresses joined with `, `. */
  readonly ccs: string;
  /** Warning codes joined with `,`. */
  readonly warnings: string;
}

function mailbox(address: string, name: string): string {
  return name === '' ? address : `${name} <${address}>`;
}

/**
 * Flattens a resolution into the `requester`, `recipient`, `ccs` and `warnings` columns a CLI or a log line shows.
 *
 * @example
 * resolutionColumns(resolveRequester(headers, context));
 * // { requester: 'Ann <ann@customer.example>', requesterSource: 'reply-to', recipient: 'support@acme.example',
 * //   ccs: 'carl@example.org', warnings: 'reply-to-differs' }
 */
export function resolutionColumns(resolution: RequesterResolution): ResolutionColumns {
  const r = resolution.requester;
  return {
    requester: r === null ? '' : mailbox(r.address, r.name),
    requesterSource: r === null ? '' : r.source,
    recipient: resolution.recipient?.address ?? '',
    ccs: resolution.ccs.map((c) => c.address).join(', '),
    warnings: resolution.warnings.map((w) => w.code).join(','),
  };
}
