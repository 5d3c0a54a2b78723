import type { z } from 'zod';
import { type AddressPattern, keyOf, keySet, matchingPattern, preparePatterns } from './address-match.js';
import { addSchemaIssues, SCHEMA_FIELD_RULES } from './field-rules.js';
import { DEFAULT_SYSTEM_ADDRESS_PATTERNS, type ProblemList, type ValidationContext } from './problem.js';
import type { ConnectorRuleId } from './rules.js';
import type { ConnectorKind } from './schemas.js';

/** Most JSON nodes (values, keys) a configuration may have; larger input is refused before parsing. */
export const MAX_CONFIG_NODES = 50_000;
/** Deepest nesting a configuration may have. */
export const MAX_CONFIG_DEPTH = 32;

function tooLarge(input: unknown): 'nodes' | 'depth' | null {
  let nodes = 0;
  const stack: [unknown, number][] = [[input, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (++nodes > MAX_CONFIG_NODES) return 'nodes';
    if (depth > MAX_CONFIG_DEPTH) return 'depth';
    if (typeof value !== 'object' || value === null) continue;
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) stack.push([child, depth + 1]);
    if (stack.length > MAX_CONFIG_NODES) return 'nodes';
  }
  return null;
}

/**
 * Parses input against a kind's schema. Returns the typed config, or `null` after adding structural problems (each
 * citing the rule of its field). Never throws.
 *
 * @example
 * const config = parseConfig('custom-smtp', customSmtpSchema, input, problems); // null when unreadable
 */
export function parseConfig<T>(
  kind: ConnectorKind,
  schema: z.ZodType<T>,
  input: unknown,
  out: ProblemList,
): T | null {
  const root = SCHEMA_FIELD_RULES[kind][0]!;
  const size = tooLarge(input);
  if (size !== null) {
    out.error(
      root.rule,
      '$',
      size === 'nodes'
        ? `The configuration has more than ${MAX_CONFIG_NODES} values; it cannot be a connector configuration.`
        : `The configuration is nested deeper than ${MAX_CONFIG_DEPTH} levels.`,
      root.fix,
    );
    return null;
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const what = input === null ? 'null' : Array.isArray(input) ? 'a list' : typeof input;
    out.error(root.rule, '$', `${root.label}: expected a JSON object, got ${what}.`, root.fix);
    return null;
  }
  let parsed: ReturnType<typeof schema.safeParse>;
  try {
    parsed = schema.safeParse(input);
  } catch {
    // Input that defeats the schema itself (exotic getters on non-JSON objects) is still only a problem.
    out.error(root.rule, '$', `${root.label}: the value could not be read as JSON data.`, root.fix);
    return null;
  }
  if (parsed.success) return parsed.data;
  addSchemaIssues(kind, input, parsed.error.issues, out);
  return null;
}

/** Context look-ups every validator uses, prepared once. */
export interface PreparedContext {
  readonly users: ReadonlySet<string>;
  readonly systemPatterns: readonly AddressPattern[];
  readonly otherEnvironment: ReadonlySet<string>;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Reads a context defensively (a context from JSON may be malformed too).
 *
 * @example
 * prepareContext({ userAddresses: ['Jane@Contoso.com'] }).users.has('jane@contoso.com'); // true
 */
export function prepareContext(context: ValidationContext | undefined): PreparedContext {
  const c: Partial<Record<string, unknown>> =
    typeof context === 'object' && context !== null ? (context as Partial<Record<string, unknown>>) : {};
  return {
    users: keySet(stringList(c['userAddresses'])),
    systemPatterns: preparePatterns(
      Array.isArray(c['systemAddressPatterns'])
        ? stringList(c['systemAddressPatterns'])
        : DEFAULT_SYSTEM_ADDRESS_PATTERNS,
    ),
    otherEnvironment: keySet(stringList(c['otherEnvironmentAddresses'])),
  };
}

/**
 * OUT-4 and LOOP-4 for an address the helpdesk will send from through the customer's server: it must not be a
 * system address, and it must not belong to a user.
 *
 * @rule OUT-4, LOOP-4
 * @example
 * checkSendingAddress(problems, '$.supportAddress', 'support@acme.zendesk.com', prepareContext(undefined));
 * // adds OUT-4: a system address
 */
export function checkSendingAddress(
  out: ProblemList,
  path: string,
  address: string,
  ctx: PreparedContext,
  out4Rule: ConnectorRuleId = 'OUT-4',
): void {
  const pattern = matchingPattern(address, ctx.systemPatterns);
  if (pattern !== null) {
    out.error(
      out4Rule,
      path,
      `${address} is one of the helpdesk's own system addresses (${pattern}); a customer server cannot send on its behalf.`,
      'Use a support address on your own domain, e.g. support@your-company.com.',
    );
  }
  checkNotUser(out, path, address, ctx);
}

/**
 * LOOP-4: a support address can never be a user's address.
 *
 * @rule LOOP-4
 * @example
 * checkNotUser(problems, '$.mailbox', 'jane@contoso.com', prepareContext({ userAddresses: ['jane@contoso.com'] }));
 * // adds LOOP-4
 */
export function checkNotUser(out: ProblemList, path: string, address: string, ctx: PreparedContext): void {
  if (ctx.users.has(keyOf(address))) {
    out.error(
      'LOOP-4',
      path,
      `${address} already belongs to a user (requester, CC or agent); as a support address it would loop mail back into the helpdesk.`,
      'Pick an address no user has, or change that user’s email address first.',
    );
  }
}
