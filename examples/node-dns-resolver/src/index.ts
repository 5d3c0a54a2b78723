import { Resolver } from 'node:dns/promises';
import type { DnsAnswer, DnsErrorReason, DnsResolver, RRType } from '@mailroom/mail-auth';

/** Options of {@link createNodeDnsResolver}. */
export interface NodeDnsResolverOptions {
  /** DNS servers as node:dns takes them ('192.0.2.53', '[2001:db8::53]:5353'); default: the system's. */
  readonly servers?: readonly string[];
  /** c-ares per-attempt timeout in milliseconds (the evaluator has its own per-query timeout on top). */
  readonly timeoutMs?: number;
  /** c-ares attempts per query. */
  readonly tries?: number;
}

type ErrorAnswer = { kind: 'error'; transient: boolean; reason: DnsErrorReason };

/** node:dns error codes → the outcome kinds of @mailroom/mail-auth's DnsResolver. */
const BY_CODE: Readonly<Record<string, DnsAnswer | ErrorAnswer>> = {
  ENOTFOUND: { kind: 'nxdomain' },
  ENODATA: { kind: 'nodata' },
  ETIMEOUT: { kind: 'error', transient: true, reason: 'timeout' },
  ECANCELLED: { kind: 'error', transient: true, reason: 'timeout' },
  ESERVFAIL: { kind: 'error', transient: true, reason: 'servfail' },
  EREFUSED: { kind: 'error', transient: true, reason: 'refused' },
  ECONNREFUSED: { kind: 'error', transient: true, reason: 'other' },
  EBADNAME: { kind: 'error', transient: false, reason: 'badname' },
  EFORMERR: { kind: 'error', transient: false, reason: 'other' },
  ENOTIMP: { kind: 'error', transient: false, reason: 'other' },
};

/**
 * A {@link DnsResolver} over node:dns. Each query gets its own `Resolver`, so that aborting one (the evaluator's
 * per-query timeout or deadline) cancels only that query. Answers come back in the node:dns shapes the
 * evaluator expects; CNAMEs are followed by the recursive resolver as usual.
 *
 * @example
 * const resolver = createNodeDnsResolver({ servers: ['127.0.0.1'], timeoutMs: 1500, tries: 2 });
 * const verdict = await evaluateAuthentication(input, policy, resolver);
 */
export function createNodeDnsResolver(options: NodeDnsResolverOptions = {}): DnsResolver {
  return {
    async resolve<T extends RRType>(
      name: string,
      type: T,
      { signal }: { signal: AbortSignal },
    ): Promise<DnsAnswer<T>> {
      const resolver = new Resolver({ timeout: options.timeoutMs ?? 2000, tries: options.tries ?? 2 });
      if (options.servers !== undefined) resolver.setServers([...options.servers]);
      const cancel = (): void => resolver.cancel();
      signal.addEventListener('abort', cancel, { once: true });
      try {
        const records: unknown = await resolver.resolve(name, type);
        if (!Array.isArray(records) || records.length === 0) return { kind: 'nodata' };
        // Recent Node versions add fields (e.g. `type`) to MX answers: keep the documented shape.
        const shaped =
          type === 'MX'
            ? records.map((r: { exchange: string; priority: number }) => ({
                exchange: r.exchange,
                priority: r.priority,
              }))
            : records;
        return { kind: 'records', records: shaped } as DnsAnswer<T>;
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        return (BY_CODE[typeof code === 'string' ? code : ''] ?? {
          kind: 'error',
          transient: true,
          reason: 'other',
        }) as DnsAnswer<T>;
      } finally {
        signal.removeEventListener('abort', cancel);
      }
    },
  };
}
