// Type tests: the public types of @mailroom/header-classifier as a consumer sees them. Compiled by `tsc -b` (the types
// gate) through tsconfig.test.json; see docs/decisions/0006-type-tests.md. The line after each
// `@ts-expect-error` must not compile.
import {
  AUTO_REPLY_SUBJECTS,
  CATEGORIES,
  type Category,
  type Classification,
  type ClassifierLimits,
  type ClassifyOptions,
  classifyMessage,
  DEFAULT_CLASSIFIER_LIMITS,
  type Evidence,
  type ExtraSignatures,
  HEADER_SIGNATURES,
  HELPDESK_FINGERPRINTS,
  type HeaderSignature,
  type HelpdeskFingerprint,
  type Kind,
  NO_REPLY_LOCAL_PARTS,
  REPORT_SUBJECTS,
  type ReportSubjectPhrase,
  SIGNALS,
  type SignalInfo,
  type Strength,
  summarizeKind,
} from '@mailroom/header-classifier';
import type { HeaderList } from '@mailroom/headers';
import { describe, expectTypeOf, test } from 'vitest';

declare const result: Classification;

describe('classifyMessage', () => {
  test('takes a HeaderList, bytes or a string and returns a Classification', () => {
    expectTypeOf(classifyMessage).parameter(0).toEqualTypeOf<HeaderList | Uint8Array | string>();
    expectTypeOf(classifyMessage).returns.toEqualTypeOf<Classification>();
    expectTypeOf(result.categories).toEqualTypeOf<readonly Category[]>();
    expectTypeOf(result.evidence).toEqualTypeOf<readonly Evidence[]>();
    expectTypeOf(result.automated).toEqualTypeOf<boolean>();
    expectTypeOf(result.suppressAutoReply).toEqualTypeOf<boolean>();
  });

  test('options: body, extra tables, allowlist, partial limits; wrong or unknown fields are refused', () => {
    classifyMessage('', {
      body: new Uint8Array(),
      allowlist: ['@example.com'],
      limits: { maxParts: 8 },
      extraSignatures: { noReplyLocalParts: ['robot'] },
    });
    expectTypeOf<ClassifyOptions['limits']>().toEqualTypeOf<Partial<ClassifierLimits> | undefined>();
    // @ts-expect-error -- not an option
    classifyMessage('', { strict: true });
    // @ts-expect-error -- exactOptionalPropertyTypes: leave the body out instead of passing undefined
    classifyMessage('', { body: undefined });
    // @ts-expect-error -- the allowlist is a list of strings
    classifyMessage('', { allowlist: '@example.com' });
    // @ts-expect-error -- extra tables only extend the known tables
    classifyMessage('', { extraSignatures: { vendors: [] } });
  });

  test('a Classification is read-only', () => {
    // @ts-expect-error -- categories is a readonly array
    result.categories.push('bulk');
    // @ts-expect-error -- readonly property
    result.automated = false;
  });
});

describe('categories', () => {
  test('Category is exactly the names in CATEGORIES; a Kind adds human', () => {
    expectTypeOf<Category>().toEqualTypeOf<(typeof CATEGORIES)[number]>();
    expectTypeOf<'out-of-office'>().toExtend<Category>();
    expectTypeOf<'bounce'>().toExtend<Category>();
    expectTypeOf<'human'>().not.toExtend<Category>();
    expectTypeOf<'spam'>().not.toExtend<Category>();
    expectTypeOf<Kind>().toEqualTypeOf<Category | 'human'>();
    expectTypeOf(summarizeKind).returns.toEqualTypeOf<Kind>();
    expectTypeOf<Strength>().toEqualTypeOf<'definitive' | 'strong' | 'weak'>();
  });

  test('a switch over Category narrows and is exhaustive', () => {
    const label = (c: Category): string => {
      switch (c) {
        case 'bounce':
        case 'delivery-delay':
        case 'delivery-report':
        case 'feedback-report':
        case 'read-receipt':
          return 'report';
        case 'out-of-office':
        case 'auto-reply':
        case 'challenge-response':
        case 'calendar-response':
          return 'reply';
        case 'system-sender':
        case 'no-reply-sender':
        case 'auto-generated':
        case 'bulk':
        case 'helpdesk':
        case 'mailing-list':
          return 'machine';
        default: {
          expectTypeOf(c).toBeNever();
          return c;
        }
      }
    };
    expectTypeOf(label).returns.toBeString();
  });

  test('evidence points at a category or at none', () => {
    expectTypeOf<Evidence['category']>().toEqualTypeOf<Category | null>();
    expectTypeOf<ReportSubjectPhrase['category']>().toExtend<Category>();
  });
});

describe('tables are typed, read-only data a consumer extends through options', () => {
  test('the exported tables cannot be changed in place', () => {
    expectTypeOf(CATEGORIES).toExtend<readonly string[]>();
    expectTypeOf(HEADER_SIGNATURES).toEqualTypeOf<readonly HeaderSignature[]>();
    expectTypeOf(HELPDESK_FINGERPRINTS).toEqualTypeOf<readonly HelpdeskFingerprint[]>();
    expectTypeOf(SIGNALS).toEqualTypeOf<Readonly<Record<string, SignalInfo>>>();
    expectTypeOf(DEFAULT_CLASSIFIER_LIMITS).toEqualTypeOf<ClassifierLimits>();
    // @ts-expect-error -- CATEGORIES is a readonly tuple
    CATEGORIES.push('spam');
    // @ts-expect-error -- a readonly array
    HEADER_SIGNATURES.push(HEADER_SIGNATURES[0]!);
    // @ts-expect-error -- a readonly array
    HELPDESK_FINGERPRINTS.length = 0;
    // @ts-expect-error -- a readonly array
    NO_REPLY_LOCAL_PARTS[0] = 'anyone';
    // @ts-expect-error -- a readonly record
    SIGNALS['auto-submitted'] = { description: '', basis: '' };
    // @ts-expect-error -- readonly limits
    DEFAULT_CLASSIFIER_LIMITS.maxParts = 1;
  });

  test('extra signatures take the same entry types as the defaults', () => {
    const extra: ExtraSignatures = {
      autoReplySubjects: AUTO_REPLY_SUBJECTS,
      reportSubjects: REPORT_SUBJECTS,
    };
    expectTypeOf(extra.autoReplySubjects).toEqualTypeOf<typeof AUTO_REPLY_SUBJECTS | undefined>();
    const undeliverable = { phrase: 'undeliverable', lang: 'en', strength: 'strong' } as const;
    // @ts-expect-error -- a report subject must say which category it indicates
    classifyMessage('', { extraSignatures: { reportSubjects: [undeliverable] } });
    const asBulk = { ...undeliverable, category: 'bulk' } as const;
    // @ts-expect-error -- report subjects indicate report categories only
    classifyMessage('', { extraSignatures: { reportSubjects: [asBulk] } });
    classifyMessage('', { extraSignatures: { reportSubjects: [{ ...undeliverable, category: 'bounce' }] } });
  });
});
