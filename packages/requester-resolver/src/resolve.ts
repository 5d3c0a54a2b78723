import type { HeaderList } from '@mailroom/headers';
import type { RequesterResolution, ResolverContext } from './types.js';

/** A resolver bound to one helpdesk configuration; per-message inputs come with each call. */
export type RequesterResolver = (
  headers: HeaderList,
  message?: Pick<ResolverContext, 'bodyText' | 'envelope' | 'reportText'>,
) => RequesterResolution;

/**
 * Decides who a ticket is from, which support address it was sent to and who is copied.
 *
 * @rule REQ-1, REQ-2, REQ-4, OUT-3, LOOP-3, LOOP-4, EXCH-3
 * @example
 * const r = resolveRequester(parseHeaders(raw), { supportAddresses: ['help@acme.example'] });
 * r.requester?.address; // 'ann@example.com'
 */
export function resolveRequester(headers: HeaderList, context: ResolverContext = {}): RequesterResolution {
  return createRequesterResolver(context)(headers, context);
}

/**
 * Compiles the helpdesk part of a context once (address sets, patterns, tables) and returns a resolver for many
 * messages. Throws a TypeError for a malformed pattern (a programmer error; validate JSON input with
 * `parseResolverContext` first).
 *
 * @rule REQ-1, REQ-2, REQ-4, OUT-3, LOOP-3, LOOP-4, EXCH-3
 * @example
 * const resolve = createRequesterResolver({ supportAddresses: ['help@acme.example'] });
 * resolve(parseHeaders(raw), { bodyText }).requester;
 */
export function createRequesterResolver(_context: ResolverContext): RequesterResolver {
  throw new Error('createRequesterResolver: not implemented yet (signature published for consumers)');
}
