import type { ResolverContext, ResolverContextProblem } from './types.js';

/**
 * Validates a JSON value (a `--context file.json`, CLI flags gathered into an object) into a
 * {@link ResolverContext}, keeping what is valid and listing every problem instead of throwing.
 *
 * @example
 * const { context, problems } = parseResolverContext(JSON.parse(text));
 * if (problems.length > 0) console.error(problems);
 */
export function parseResolverContext(_json: unknown): {
  context: ResolverContext;
  problems: ResolverContextProblem[];
} {
  throw new Error('parseResolverContext: not implemented yet (signature published for consumers)');
}
