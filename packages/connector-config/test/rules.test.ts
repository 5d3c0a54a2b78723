import { CONNECTOR_RULES, SCHEMA_FIELD_RULES, SMTP_REPLY_PATTERNS } from '@mailroom/connector-config';
import { describe, expect, it } from 'vitest';
import { RULES_AVAILABLE, RULES_PATH, SPEC_RULE_IDS } from './support/configs.js';

describe.skipIf(!RULES_AVAILABLE)(`rule ids exist in ${RULES_PATH}`, () => {
  it('every id of CONNECTOR_RULES is defined in RULES.md', () => {
    expect(SPEC_RULE_IDS.size).toBeGreaterThan(40);
    const missing = Object.keys(CONNECTOR_RULES).filter((id) => !SPEC_RULE_IDS.has(id));
    expect(missing).toEqual([]);
  });

  it('every rule of the schema field table and the SMTP reply table is defined in RULES.md', () => {
    const cited = [
      ...Object.values(SCHEMA_FIELD_RULES).flatMap((rows) => rows.map((r) => r.rule)),
      ...SMTP_REPLY_PATTERNS.map((p) => p.rule),
    ];
    expect(cited.filter((id) => !SPEC_RULE_IDS.has(id))).toEqual([]);
  });

  it('every rule id the issue lists (SMTP, GMAIL, EXCH, FWD, CSMTP, OUT-4, LOOP-4, REQ-2) is in the table', () => {
    const wanted = [
      ...Array.from({ length: 15 }, (_, i) => `SMTP-${i + 1}`),
      ...Array.from({ length: 6 }, (_, i) => `GMAIL-${i + 1}`),
      ...Array.from({ length: 4 }, (_, i) => `EXCH-${i + 1}`),
      ...Array.from({ length: 4 }, (_, i) => `FWD-${i + 1}`),
      ...Array.from({ length: 4 }, (_, i) => `CSMTP-${i + 1}`),
      'OUT-4',
      'LOOP-4',
      'REQ-2',
    ];
    expect(wanted.filter((id) => !(id in CONNECTOR_RULES))).toEqual([]);
    expect(wanted.filter((id) => !SPEC_RULE_IDS.has(id))).toEqual([]);
  });
});
