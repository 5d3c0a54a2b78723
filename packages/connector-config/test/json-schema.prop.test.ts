import { fc, test } from '@fast-check/vitest';
import {
  CONNECTOR_KINDS,
  CONNECTOR_SCHEMAS,
  type ConnectorKind,
  connectorConfigSchema,
  connectorJsonSchema,
} from '@mailroom/connector-config';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { mutated, VALID_CONFIGS } from './support/arbitraries.js';
import { BASE_CONFIGS } from './support/configs.js';

// Ajv counts string lengths and matches patterns the way JavaScript (and zod) does: UTF-16 units, no `u` flag.
const ajv = new Ajv2020({
  strict: false,
  validateFormats: false,
  unicode: false,
  unicodeRegExp: false,
  allErrors: false,
});
const validators = new Map(
  [...CONNECTOR_KINDS, 'any' as const].map((kind) => [kind, ajv.compile(connectorJsonSchema(kind))]),
);
const zodFor = (kind: ConnectorKind | 'any') =>
  kind === 'any' ? connectorConfigSchema : CONNECTOR_SCHEMAS[kind];

describe('connectorJsonSchema', () => {
  it('accepts every realistic base configuration, as zod does', () => {
    for (const config of Object.values(BASE_CONFIGS)) {
      expect(validators.get('any')!(config)).toBe(true);
      expect(connectorConfigSchema.safeParse(config).success).toBe(true);
    }
  });

  it('publishes descriptions and defaults an admin form can show', () => {
    const schema = connectorJsonSchema('custom-smtp') as {
      properties: Record<string, { default?: unknown }>;
    };
    expect(schema.properties['testSend']?.default).toBe('not-run');
    expect(JSON.stringify(connectorJsonSchema('smtp-connector'))).toContain('smtp.office365.com');
  });

  for (const kind of [...CONNECTOR_KINDS, 'any' as const]) {
    const outcomes = new Set<boolean>();
    const arb = kind === 'any' ? fc.oneof(...Object.values(VALID_CONFIGS)) : VALID_CONFIGS[kind]!;
    test.prop([mutated(arb)], { numRuns: 250 })(
      `the JSON Schema of ${kind} accepts exactly what its zod schema accepts (generated configs)`,
      (config) => {
        const viaZod = zodFor(kind).safeParse(config).success;
        expect(validators.get(kind)!(config)).toBe(viaZod);
        outcomes.add(viaZod);
      },
    );
    it(`${kind}: the generated configurations include both accepted and rejected ones`, () => {
      expect([...outcomes].sort()).toEqual([false, true]);
    });
  }

  test.prop([fc.jsonValue()], { numRuns: 200 })(
    'the JSON Schemas agree with zod on arbitrary JSON',
    (value) => {
      for (const kind of [...CONNECTOR_KINDS, 'any' as const]) {
        expect(validators.get(kind)!(value)).toBe(zodFor(kind).safeParse(value).success);
      }
    },
  );
});
