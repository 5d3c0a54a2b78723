import type { ConnectorRuleId } from './rules.js';

/** `error`: the connector will not work (or will loop, or lose mail) as configured. `warning`: it works, but badly. */
export type ProblemSeverity = 'error' | 'warning';

/** One thing wrong with a configuration, explained for the admin who has to fix it. */
export interface ConfigProblem {
  /** The RULES.md id the problem comes from. */
  readonly rule: ConnectorRuleId;
  /** JSON path into the input, `$` for the whole value: `$.domains[0].addresses[2].outbound.port`. */
  readonly path: string;
  readonly severity: ProblemSeverity;
  /** What is wrong, in the admin's terms. */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
}

/** What every validator returns: `valid` is true when no problem is an error (warnings alone keep it valid). */
export interface ValidationResult {
  readonly valid: boolean;
  readonly problems: readonly ConfigProblem[];
}

/** Where an existing support address receives its mail (SMTP-5, SMTP-9). */
export type SupportAddressChannel = 'forwarding' | 'smtp-connector' | 'gmail' | 'exchange' | 'system';

/** A support address the helpdesk already has, outside the configuration being checked. */
export interface ExistingSupportAddress {
  readonly address: string;
  readonly channel?: SupportAddressChannel | undefined;
}

/**
 * What the validators know about the helpdesk around the configuration. Every field is optional; a check that
 * needs a missing field is skipped (never guessed).
 */
export interface ValidationContext {
  /** The helpdesk's existing support addresses (SMTP-5, SMTP-9, SMTP-10). A plain string means channel unknown. */
  readonly supportAddresses?: readonly (string | ExistingSupportAddress)[] | undefined;
  /** Addresses already used by users: requesters, CCs, agents (LOOP-4). */
  readonly userAddresses?: readonly string[] | undefined;
  /**
   * The helpdesk's own system addresses, as patterns where `*` matches any run of characters
   * (`*@*.zendesk.com`). Defaults to {@link DEFAULT_SYSTEM_ADDRESS_PATTERNS} when absent (OUT-4, LOOP-4).
   */
  readonly systemAddressPatterns?: readonly string[] | undefined;
  /** Support addresses configured in the *other* environment (the sandbox when checking production) (SMTP-13). */
  readonly otherEnvironmentAddresses?: readonly string[] | undefined;
  /** How the configuration will be applied; `api` cannot add connector addresses (SMTP-10). */
  readonly applyVia?: 'admin-ui' | 'api' | undefined;
  /** The current time in epoch milliseconds, for deadlines (SMTP-7). Deadline checks are skipped without it. */
  readonly now?: number | undefined;
}

/** The system addresses OUT-4 and LOOP-4 protect when the context names none (RULES.md preamble). */
export const DEFAULT_SYSTEM_ADDRESS_PATTERNS: readonly string[] = Object.freeze([
  '*@*.zendesk.com',
  '*@ticketing.atera.com',
  'noreply@atera.com',
]);

/** Collects problems while a validator walks a configuration. */
export class ProblemList {
  readonly #items: ConfigProblem[] = [];

  add(rule: ConnectorRuleId, path: string, severity: ProblemSeverity, message: string, fix: string): void {
    this.#items.push({ rule, path, severity, message, fix });
  }

  error(rule: ConnectorRuleId, path: string, message: string, fix: string): void {
    this.add(rule, path, 'error', message, fix);
  }

  warning(rule: ConnectorRuleId, path: string, message: string, fix: string): void {
    this.add(rule, path, 'warning', message, fix);
  }

  result(): ValidationResult {
    const problems = Object.freeze([...this.#items]);
    return Object.freeze({ valid: !problems.some((p) => p.severity === 'error'), problems });
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Turns a path of keys and indexes into the JSON path problems carry.
 *
 * @example
 * jsonPath(['domains', 0, 'addresses', 2, 'outbound', 'port']); // '$.domains[0].addresses[2].outbound.port'
 * jsonPath(['x-y']); // '$["x-y"]'
 */
export function jsonPath(segments: readonly (string | number)[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
