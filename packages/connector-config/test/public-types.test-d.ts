// Type tests: the public types of @mailroom/connector-config as a consumer sees them. Compiled by `tsc -b` (the types
// gate) through tsconfig.test.json; see docs/decisions/0006-type-tests.md. The line after each
// `@ts-expect-error` must not compile.
import {
  type AddressVerificationState,
  CONNECTOR_KINDS,
  CONNECTOR_RULES,
  CONNECTOR_VALIDATORS,
  type ConfigProblem,
  type ConnectorConfig,
  type ConnectorKind,
  type ConnectorRuleId,
  type ConnectorValidationResult,
  type ConnectorValidator,
  type CredentialRotationState,
  type CredentialRotationTransition,
  type connectorConfigSchema,
  createIpAllowlist,
  DEFAULT_SMTP_CONNECTOR_LIMITS,
  detectConnectorKind,
  diagnoseSmtpReply,
  type IpAllowlist,
  isConnectorRuleId,
  MAIL_PROVIDERS,
  type MailboxImportPlan,
  type MailProvider,
  planMailboxImport,
  providerOfHost,
  SMTP_REPLY_PATTERNS,
  type SmtpConnectorConfig,
  type SmtpReplyDiagnosis,
  type smtpConnectorSchema,
  transitionCredentials,
  transitionVerification,
  type ValidationResult,
  type VerificationStatus,
  validateConnectorConfig,
  validateCustomSmtp,
  validateExchangeConnector,
  validateForwarding,
  validateGmailConnector,
  validateSmtpConnector,
} from '@mailroom/connector-config';
import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';

describe('validators take unknown input and return problems, never throw on bad config', () => {
  test('every validator has the ConnectorValidator shape', () => {
    for (const validate of [
      validateSmtpConnector,
      validateGmailConnector,
      validateExchangeConnector,
      validateForwarding,
      validateCustomSmtp,
    ]) {
      expectTypeOf(validate).parameter(0).toBeUnknown();
      expectTypeOf(validate).returns.toEqualTypeOf<ValidationResult>();
      expectTypeOf(validate).toExtend<ConnectorValidator>();
    }
    expectTypeOf(CONNECTOR_VALIDATORS).toEqualTypeOf<Readonly<Record<ConnectorKind, ConnectorValidator>>>();
  });

  test('results carry rule-citing problems; validateConnectorConfig adds the kind it recognised', () => {
    expectTypeOf<ValidationResult['problems']>().toEqualTypeOf<readonly ConfigProblem[]>();
    expectTypeOf<ConfigProblem['rule']>().toEqualTypeOf<ConnectorRuleId>();
    expectTypeOf<ConfigProblem['severity']>().toEqualTypeOf<'error' | 'warning'>();
    expectTypeOf(validateConnectorConfig(JSON.parse('{}'))).toEqualTypeOf<ConnectorValidationResult>();
    expectTypeOf<ConnectorValidationResult['kind']>().toEqualTypeOf<ConnectorKind | null>();
    expectTypeOf(detectConnectorKind).returns.toEqualTypeOf<ConnectorKind | null>();
  });

  test('a result is read-only', () => {
    const result = validateConnectorConfig({});
    // @ts-expect-error -- readonly array
    result.problems.push(result.problems[0]!);
    // @ts-expect-error -- readonly property
    result.valid = true;
  });

  test('the context is typed: unknown fields and wrong types are refused', () => {
    validateSmtpConnector({}, { userAddresses: ['jane@acme.example'], now: 0, applyVia: 'api' });
    // @ts-expect-error -- not a context field
    validateForwarding({}, { users: ['jane@acme.example'] });
    // @ts-expect-error -- applied through the admin UI or the API only
    validateForwarding({}, { applyVia: 'cli' });
  });
});

describe('configs are a union discriminated by kind', () => {
  test('narrowing on kind gives the kind-specific fields', () => {
    const describeConfig = (config: ConnectorConfig): string => {
      switch (config.kind) {
        case 'smtp-connector':
          expectTypeOf(config).toEqualTypeOf<SmtpConnectorConfig>();
          return config.mode;
        case 'gmail-connector':
          return String(config.accounts.length);
        case 'exchange-connector':
          return config.mailbox;
        case 'forwarding':
          return config.ingestionAddress;
        case 'custom-smtp':
          return config.host;
        default:
          expectTypeOf(config).toBeNever();
          return config;
      }
    };
    expectTypeOf(describeConfig).returns.toBeString();
    expectTypeOf<ConnectorConfig['kind']>().toEqualTypeOf<ConnectorKind>();
  });

  test('without narrowing, kind-specific fields cannot be read', () => {
    const config = {} as ConnectorConfig;
    // @ts-expect-error -- only the SMTP connector has domains
    config.domains;
  });

  test('the schemas parse to the same types', () => {
    expectTypeOf<z.output<typeof connectorConfigSchema>>().toEqualTypeOf<ConnectorConfig>();
    expectTypeOf<z.output<typeof smtpConnectorSchema>>().toEqualTypeOf<SmtpConnectorConfig>();
  });
});

describe('state machines', () => {
  test('credential rotation states narrow on status', () => {
    const previousId = (state: CredentialRotationState): string | null => {
      switch (state.status) {
        case 'none':
          // @ts-expect-error -- no credential set before the first is issued
          state.current;
          return null;
        case 'active':
          return null;
        case 'rotating':
        case 'overdue':
          expectTypeOf(state.retireBy).toBeNumber();
          return state.previous.id;
        default:
          expectTypeOf(state).toBeNever();
          return state;
      }
    };
    expectTypeOf(previousId).returns.toEqualTypeOf<string | null>();
    expectTypeOf(transitionCredentials).returns.toEqualTypeOf<CredentialRotationTransition>();
    // @ts-expect-error -- not a rotation event
    transitionCredentials({ status: 'none' }, { type: 'rotate' }, 0);
    // @ts-expect-error -- issuing needs the new set's id
    transitionCredentials({ status: 'none' }, { type: 'issue' }, 0);
  });

  test('verification events are typed per check', () => {
    const state = {} as AddressVerificationState;
    transitionVerification(state, { type: 'fail', check: 'outbound', reason: 'timeout' }, 0);
    // @ts-expect-error -- a failure needs its reason
    transitionVerification(state, { type: 'fail', check: 'outbound' }, 0);
    // @ts-expect-error -- not a check
    transitionVerification(state, { type: 'request', check: 'dkim' }, 0);
    expectTypeOf<VerificationStatus>().toEqualTypeOf<'failed' | 'pending' | 'verified'>();
  });
});

describe('rules, diagnoses and plans', () => {
  test('isConnectorRuleId is a type guard', () => {
    const id: string = Object.keys(CONNECTOR_RULES)[0] ?? '';
    if (isConnectorRuleId(id)) expectTypeOf(id).toEqualTypeOf<ConnectorRuleId>();
    expectTypeOf<keyof typeof CONNECTOR_RULES>().toEqualTypeOf<ConnectorRuleId>();
    expectTypeOf<'SMTP-99'>().not.toExtend<ConnectorRuleId>();
  });

  test('diagnoses, allowlists, import plans and provider look-ups return values', () => {
    expectTypeOf(diagnoseSmtpReply).returns.toEqualTypeOf<SmtpReplyDiagnosis>();
    expectTypeOf<SmtpReplyDiagnosis['temporary']>().toEqualTypeOf<boolean | null>();
    expectTypeOf(createIpAllowlist).returns.toEqualTypeOf<IpAllowlist>();
    expectTypeOf(planMailboxImport).returns.toEqualTypeOf<MailboxImportPlan>();
    expectTypeOf(providerOfHost).returns.toEqualTypeOf<MailProvider | null>();
    // @ts-expect-error -- the import plan is for gmail or exchange mailboxes
    planMailboxImport([], { connector: 'imap', phase: 'poll', alreadyImported: [] });
  });

  test('tables are read-only', () => {
    const [first] = Object.keys(CONNECTOR_RULES) as ConnectorRuleId[];
    // @ts-expect-error -- readonly array
    CONNECTOR_KINDS.push('imap');
    // @ts-expect-error -- readonly array
    SMTP_REPLY_PATTERNS.length = 0;
    // @ts-expect-error -- readonly record
    CONNECTOR_RULES[first!] = CONNECTOR_RULES[first!];
    // @ts-expect-error -- readonly record
    MAIL_PROVIDERS.gmail = MAIL_PROVIDERS.other;
    // @ts-expect-error -- readonly limits
    DEFAULT_SMTP_CONNECTOR_LIMITS.maxDomains = 1;
  });
});
