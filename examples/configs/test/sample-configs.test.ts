import { readFileSync } from 'node:fs';
import {
  CONNECTOR_KINDS,
  connectorJsonSchema,
  type ValidationContext,
  validateConnectorConfig,
} from '@mailroom/connector-config';
import { describe, expect, it } from 'vitest';

const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../${name}`, import.meta.url), 'utf8'));
const rawContext = read('context.json') as Record<string, unknown>;
const context: ValidationContext = { ...rawContext, now: Date.parse(String(rawContext['now'])) };

describe('sample configurations', () => {
  it('the valid sample has no problem at all', () => {
    expect(validateConnectorConfig(read('smtp-connector.valid.json'), context)).toMatchObject({
      kind: 'smtp-connector',
      valid: true,
      problems: [],
    });
  });

  it('SMTP-2: the broken sample shows the mistakes it was written to show', () => {
    const result = validateConnectorConfig(read('smtp-connector.broken.json'), context);
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => `${p.severity} ${p.rule} ${p.path}`).sort()).toEqual(
      [
        'error SMTP-1 $.domains[0].addresses[0].outbound.tls',
        'error SMTP-14 $.domains[0].addresses[0].outbound.port',
        'error SMTP-14 $.domains[0].addresses[0].outbound.smtpAuthEnabled',
        'error SMTP-15 $.domains[0].addresses[0].outbound.username',
        'error SMTP-2 $.mode',
        'error SMTP-4 $.domains[0].addresses[1].address',
        'error SMTP-5 $.domains[0].domain',
        'error SMTP-6 $.domains[0].authProtocol',
        'warning SMTP-12 $.customerServer.greylisting',
        'warning SMTP-8 $.domains[0].addresses[1].type',
      ].sort(),
    );
  });

  it.each(CONNECTOR_KINDS)(
    'schemas/%s.schema.json is what connectorJsonSchema generates (run `pnpm schemas`)',
    (kind) => {
      expect(read(`schemas/${kind}.schema.json`)).toEqual(connectorJsonSchema(kind));
    },
  );
});
