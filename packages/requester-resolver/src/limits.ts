import type { ResolverLimits } from './types.js';

/** The bounds used when the context gives none: generous for real mail, small enough for hostile mail. */
export const DEFAULT_RESOLVER_LIMITS: ResolverLimits = Object.freeze({
  maxBodyChars: 256 * 1024,
  maxBodyLines: 4000,
  maxReportChars: 64 * 1024,
  maxAddressesPerField: 500,
  maxFieldsPerName: 100,
  maxValueChars: 64 * 1024,
  maxAttachedMessages: 8,
});
