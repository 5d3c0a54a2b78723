import type { ExtraSignatures } from './signatures.js';

/** Bounds that keep classification cheap on hostile input. */
export interface ClassifierLimits {
  /** Body bytes (or string characters) the report walker reads at most. */
  readonly maxBodyBytes: number;
  /** MIME parts the report walker visits at most. */
  readonly maxParts: number;
  /** Multipart nesting depth the report walker follows at most. */
  readonly maxDepth: number;
  /** DSN per-recipient blocks kept at most. */
  readonly maxRecipients: number;
  /** Characters of a header value examined at most by any pattern (values are cut, never copied whole). */
  readonly maxValueLength: number;
  /** Characters of body text scanned for non-RFC bounce wording at most. */
  readonly maxBodyScan: number;
}

/** Defaults: generous for real mail (report parts come before the returned original; sisimai's largest message is 72 KiB), small enough for hostile mail. */
export const DEFAULT_CLASSIFIER_LIMITS: ClassifierLimits = Object.freeze({
  maxBodyBytes: 256 * 1024,
  maxParts: 64,
  maxDepth: 4,
  maxRecipients: 100,
  maxValueLength: 4096,
  maxBodyScan: 4096,
});

/** Options for {@link classifyMessage}. */
export interface ClassifyOptions {
  /**
   * The message body (everything after the header block) when `headers` is a parsed `HeaderList`; lets the
   * classifier read a `multipart/report` part. Ignored when raw bytes or a raw string are passed (the body is
   * then taken from the input itself).
   */
  readonly body?: Uint8Array | string;
  /** Extra fingerprints, phrases and markers, appended to the defaults. */
  readonly extraSignatures?: ExtraSignatures;
  /**
   * Trusted senders (LOOP-5 allowlist): full addresses (`ann@example.com`) or whole domains (`@example.com` or
   * `example.com`, subdomains included). A match makes `automated` false and `allowlisted` true.
   */
  readonly allowlist?: readonly string[];
  /** Bounds (merged over {@link DEFAULT_CLASSIFIER_LIMITS}). */
  readonly limits?: Partial<ClassifierLimits>;
}
