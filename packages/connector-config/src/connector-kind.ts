import { validateCustomSmtp } from './custom-smtp.js';
import { validateExchangeConnector } from './exchange-connector.js';
import { validateForwarding } from './forwarding.js';
import { validateGmailConnector } from './gmail-connector.js';
import type { ValidationContext, ValidationResult } from './problem.js';
import { CONNECTOR_KINDS, type ConnectorKind } from './schemas.js';
import { validateSmtpConnector } from './smtp-connector.js';

/** A validator: any JSON value and an optional context in, problems out; never throws. */
export type ConnectorValidator = (config: unknown, context?: ValidationContext) => ValidationResult;

/** The validator of each connector kind. */
export const CONNECTOR_VALIDATORS: Readonly<Record<ConnectorKind, ConnectorValidator>> = Object.freeze({
  'smtp-connector': validateSmtpConnector,
  'gmail-connector': validateGmailConnector,
  'exchange-connector': validateExchangeConnector,
  forwarding: validateForwarding,
  'custom-smtp': validateCustomSmtp,
});

/**
 * Fields whose value can only ever produce warnings, never errors: changing them cannot turn an accepted
 * configuration into a rejected one (a property test holds the validators to this). Dotted paths, `*` for any
 * array index.
 */
export const WARNING_ONLY_FIELDS: Readonly<Record<ConnectorKind, readonly string[]>> = Object.freeze({
  'smtp-connector': [
    'customerServer.greylisting',
    'customerServer.helpdeskIpsAllowlisted',
    'domains.*.addresses.*.type',
    'domains.*.addresses.*.brand',
    'domains.*.addresses.*.verification',
  ],
  'gmail-connector': [
    'accounts.*.pollIntervalSeconds',
    'accounts.*.suppressTriggersOnInitialImport',
    'accounts.*.expectedDailyNotifications',
    'accounts.*.notificationAttachments',
  ],
  'exchange-connector': ['importFolder', 'importReadMessages'],
  forwarding: ['antiPhishingViaTag', 'keepCopy'],
  'custom-smtp': ['whiteLabel'],
});

/**
 * Which connector kind a parsed JSON value configures, from its `kind` field; `null` when it has none this package
 * knows.
 *
 * @example
 * detectConnectorKind({ kind: 'custom-smtp', host: 'smtp.office365.com' }); // 'custom-smtp'
 * detectConnectorKind({ host: 'smtp.office365.com' }); // null
 */
export function detectConnectorKind(value: unknown): ConnectorKind | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const kind = Object.hasOwn(value, 'kind') ? (value as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && (CONNECTOR_KINDS as readonly string[]).includes(kind)
    ? (kind as ConnectorKind)
    : null;
}

/** What {@link validateConnectorConfig} returns: the kind it recognised, or `null` with no validation done. */
export interface ConnectorValidationResult extends ValidationResult {
  readonly kind: ConnectorKind | null;
}

/**
 * Validates any connector configuration, dispatching on its `kind`. A value with no recognised `kind` gives
 * `{ kind: null, valid: false, problems: [] }`: there is no rule to cite for "not a connector at all", so the
 * caller says so in its own words (the CLI does).
 *
 * @example
 * const result = validateConnectorConfig(JSON.parse(text), { userAddresses: ['jane@acme-widgets.com'] });
 * if (result.kind === null) console.error('set "kind" to one of', CONNECTOR_KINDS.join(', '));
 */
export function validateConnectorConfig(
  config: unknown,
  context?: ValidationContext,
): ConnectorValidationResult {
  const kind = detectConnectorKind(config);
  if (kind === null) return { kind, valid: false, problems: [] };
  return { kind, ...CONNECTOR_VALIDATORS[kind](config, context) };
}
