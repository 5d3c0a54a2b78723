import { fc, test } from '@fast-check/vitest';
import {
  autoReplyMessage,
  bounceMessage,
  bulkMessage,
  helpdeskMessage,
  hostileHeaderBlock,
  humanMessage,
  listMessage,
  outOfOfficeMessage,
} from '@mailroom/arbitraries';
import { classifyMessage } from '@mailroom/header-classifier';
import { parseHeaders } from '@mailroom/headers';
import { describe, expect } from 'vitest';

const runs = { numRuns: 150 };

/**
 * Hostile blocks aimed at the classifier's own rules (the shared `hostileHeaderBlock` aims at the parser): repeated
 * classifier-relevant names, folded values, broken encoded words and malformed multipart declarations.
 */
const hostileName = fc.constantFrom(
  'Auto-Submitted',
  'Precedence',
  'X-Auto-Response-Suppress',
  'Content-Type',
  'From',
  'Return-Path',
  'Subject',
  'List-Id',
  'List-Unsubscribe-Post',
  'X-Mailer',
  'Message-ID',
  'DKIM-Signature',
  'X-Zendesk-From-Account-Id',
  '__proto__',
  'constructor',
  'X-Failed-Recipients',
);
const hostileValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    'no',
    'auto-replied; owner-email=',
    '=?UTF-8?B?',
    '=?x?Q?=ZZ=?=',
    'multipart/report; report-type=delivery-status; boundary=',
    'multipart/mixed; boundary="',
    '<>',
    '<<<<<<',
    '"unterminated',
    '((((((',
    'Zendesk Mailer',
  ),
  fc.integer({ min: 1, max: 50_000 }).map((n) => 'x'.repeat(n)),
);
const hostileLine = fc.oneof(
  fc.tuple(hostileName, hostileValue).map(([n, v]) => `${n}: ${v}`),
  fc.tuple(hostileName, hostileValue).map(([n, v]) => `${n}:${v}\r\n\t${v}`),
  fc.string({ maxLength: 80 }),
  fc.constantFrom(
    ' continuation without field',
    '\0\0\0',
    '\r',
    'From nobody Mon Jan 1 00:00:00 2024',
    ':no-name',
  ),
);
const hostileMessage = fc
  .tuple(
    fc.array(hostileLine, { maxLength: 60 }),
    fc.string({ maxLength: 2000 }),
    fc.constantFrom('\r\n', '\n', '\r'),
  )
  .map(([lines, body, eol]) => `${lines.join(eol)}${eol}${eol}${body}`);

describe('classifyMessage never throws and stays bounded', () => {
  test.prop([fc.uint8Array({ maxLength: 4096 })], runs)(
    'arbitrary bytes never throw and give a well-formed result',
    (bytes) => {
      const r = classifyMessage(bytes);
      expect(Array.isArray(r.categories)).toBe(true);
      expect(typeof r.automated).toBe('boolean');
      if (r.automated) expect(r.suppressAutoReply).toBe(true);
    },
  );

  test.prop([hostileHeaderBlock({ maxLineLength: 100_000, manyFields: 2_000 })], { numRuns: 60 })(
    'the shared hostileHeaderBlock never makes it throw, and it stays bounded',
    (block) => {
      const start = performance.now();
      const r = classifyMessage(block.raw);
      expect(performance.now() - start).toBeLessThan(2000);
      expect(typeof r.automated).toBe('boolean');
      for (const e of r.evidence) expect((e.value ?? '').length).toBeLessThanOrEqual(200);
    },
  );

  test.prop([hostileMessage], runs)(
    'hostile header blocks never throw, as raw input or as a HeaderList with a body',
    (raw) => {
      const start = performance.now();
      const r = classifyMessage(raw);
      const headers = parseHeaders(raw);
      const r2 = classifyMessage(headers, { body: raw.slice(headers.bodyOffset ?? raw.length) });
      expect(r2.categories).toEqual(r.categories);
      expect(performance.now() - start).toBeLessThan(1000);
      for (const e of r.evidence) expect((e.value ?? '').length).toBeLessThanOrEqual(200);
    },
  );

  // The sender is written first (and a Subject after it, so a stray continuation line cannot fold into From):
  // every run is allowlisted, and the strong automation lines make most of them automated without the list.
  const allowlistedMessage = fc
    .tuple(
      fc.domain(),
      fc.constantFrom('ann', 'noreply', 'mailer-daemon', 'billing.team'),
      fc.array(
        fc.oneof(
          hostileLine,
          fc.constantFrom(
            'Auto-Submitted: auto-replied',
            'Precedence: bulk',
            'X-Auto-Response-Suppress: All',
            'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
            'List-Id: <announce.example.com>',
          ),
        ),
        { maxLength: 40 },
      ),
      fc.constantFrom('\r\n', '\n'),
    )
    .map(([domain, local, lines, eol]) => ({
      domain,
      address: `${local}@${domain}`,
      raw: [`From: ${local}@${domain}`, 'Subject: Re: your order', ...lines, '', 'body'].join(eol),
    }));

  test.prop(
    [
      allowlistedMessage,
      fc.array(fc.string(), { maxLength: 5 }),
      fc.constantFrom('address', '@domain', 'domain', 'parent'),
    ],
    runs,
  )(
    'LOOP-5: an allowlisted sender is never automated, and the categories stay what they were',
    (m, extra, form) => {
      const entry =
        form === 'address'
          ? m.address.toUpperCase()
          : form === '@domain'
            ? `@${m.domain}`
            : form === 'domain'
              ? m.domain
              : m.domain.split('.').slice(-2).join('.');
      const listed = classifyMessage(m.raw, { allowlist: [...extra, ` ${entry} `] });
      const plain = classifyMessage(m.raw);
      expect(listed.allowlisted).toBe(true);
      expect(listed.automated).toBe(false);
      expect(listed.categories).toEqual(plain.categories);
    },
  );
});

describe('results are plain data', () => {
  const anyKind = fc.oneof(
    humanMessage(),
    autoReplyMessage(),
    outOfOfficeMessage(),
    bounceMessage(),
    listMessage(),
    bulkMessage(),
    helpdeskMessage(),
  );
  test.prop([anyKind], runs)(
    'a classification survives a JSON round trip unchanged (ready for --json)',
    (raw) => {
      const r = classifyMessage(raw);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    },
  );

  test.prop([anyKind], runs)('classifying twice gives the same result (no hidden state)', (raw) => {
    expect(classifyMessage(raw)).toEqual(classifyMessage(raw));
  });
});

describe('the @mailroom/arbitraries mail kinds are labelled as generated', () => {
  test.prop([humanMessage()], runs)('humanMessage is never automated and gets no category', (raw) => {
    const r = classifyMessage(raw);
    expect(r.categories).toEqual([]);
    expect(r.automated).toBe(false);
  });

  test.prop([autoReplyMessage()], runs)('autoReplyMessage is an automated auto-reply', (raw) => {
    const r = classifyMessage(raw);
    expect(r.categories).toContain('auto-reply');
    expect(r.automated).toBe(true);
  });

  test.prop([outOfOfficeMessage()], runs)('outOfOfficeMessage is an automated out-of-office', (raw) => {
    const r = classifyMessage(raw);
    expect(r.categories).toContain('out-of-office');
    expect(r.automated).toBe(true);
  });

  test.prop([bounceMessage()], runs)('bounceMessage is an automated bounce', (raw) => {
    const r = classifyMessage(raw);
    expect(r.categories).toContain('bounce');
    expect(r.categories).not.toContain('auto-reply');
    expect(r.automated).toBe(true);
  });

  test.prop([listMessage()], runs)('listMessage is mailing-list only and not automated', (raw) => {
    const r = classifyMessage(raw);
    expect(r.categories).toEqual(['mailing-list']);
    expect(r.automated).toBe(false);
  });

  test.prop([bulkMessage()], runs)('bulkMessage is automated bulk mail', (raw) => {
    const r = classifyMessage(raw);
    expect(r.categories).toEqual(['bulk']);
    expect(r.automated).toBe(true);
  });

  test.prop([helpdeskMessage()], runs)(
    'helpdeskMessage is a helpdesk agent reply: helpdesk, not automated',
    (raw) => {
      const r = classifyMessage(raw);
      expect(r.categories).toEqual(['helpdesk']);
      expect(r.helpdesk).toBeDefined();
      expect(r.automated).toBe(false);
    },
  );
});
