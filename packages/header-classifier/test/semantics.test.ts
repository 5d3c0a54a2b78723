import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CATEGORIES,
  classifyMessage,
  HEADER_SIGNATURES,
  HELPDESK_FINGERPRINTS,
  OUT_OF_OFFICE_SUBJECTS,
  SIGNALS,
  summarizeKind,
} from '@mailroom/header-classifier';
import { parseHeaders } from '@mailroom/headers';
import { describe, expect, it } from 'vitest';

const HUMAN = 'From: Ann Example <ann@example.com>\r\nTo: support@example-shop.com\r\nSubject: Question\r\n';
const msg = (extra: string, body = 'Hello, a question about my order.\r\n'): string =>
  `${HUMAN}${extra}\r\n${body}`;
const signals = (raw: string): string[] => classifyMessage(raw).evidence.map((e) => e.signal);

describe('RFC 3834 Auto-Submitted', () => {
  it('LOOP-5: Auto-Submitted: no is never automatic, in any case or with comments', () => {
    for (const v of ['no', 'No', 'NO', ' no ', 'no (sent by a person)']) {
      const r = classifyMessage(msg(`Auto-Submitted: ${v}\r\n`));
      expect(r.automated, v).toBe(false);
      expect(r.categories, v).toEqual([]);
      expect(r.suppressAutoReply, v).toBe(false);
    }
  });

  it('LOOP-5: auto-replied with parameters, in any case, is an auto-reply', () => {
    for (const v of [
      'auto-replied',
      'Auto-Replied',
      'AUTO-REPLIED; owner-email="ann@example.com"',
      'auto-replied (vacation)',
    ]) {
      const r = classifyMessage(msg(`Auto-Submitted: ${v}\r\n`));
      expect(r.automated, v).toBe(true);
      expect(
        r.categories.some((c) => c === 'auto-reply' || c === 'out-of-office'),
        v,
      ).toBe(true);
    }
    expect(classifyMessage(msg('Auto-Submitted: auto-replied (zimbra; vacation)\r\n')).categories).toEqual([
      'out-of-office',
    ]);
  });

  it('LOOP-5: auto-generated, auto-notified and unknown keywords other than no are automatic', () => {
    for (const v of [
      'auto-generated',
      'auto-notified',
      'Auto-Generated (daily report)',
      'x-something-else',
    ]) {
      const r = classifyMessage(msg(`Auto-Submitted: ${v}\r\n`));
      expect(r.automated, v).toBe(true);
      expect(r.categories, v).toEqual(['auto-generated']);
    }
  });

  it('LOOP-5: a second Auto-Submitted instance is read too', () => {
    expect(classifyMessage(msg('Auto-Submitted: no\r\nAuto-Submitted: auto-replied\r\n')).automated).toBe(
      true,
    );
  });
});

describe('requests versus evidence', () => {
  it('LOOP-5: X-Auto-Response-Suppress alone asks for no auto-reply but does not make mail automatic', () => {
    const r = classifyMessage(msg('X-Auto-Response-Suppress: All\r\n'));
    expect(r.automated).toBe(false);
    expect(r.categories).toEqual([]);
    expect(r.suppressAutoReply).toBe(true);
  });

  it('LOOP-5: only All, OOF and AutoReply ask to suppress auto-replies; None, DR and RN do not', () => {
    for (const v of ['All', 'OOF', 'DR, OOF,\tRN', 'autoreply']) {
      expect(classifyMessage(msg(`X-Auto-Response-Suppress: ${v}\r\n`)).suppressAutoReply, v).toBe(true);
    }
    for (const v of ['None', 'DR, RN, NRN']) {
      expect(classifyMessage(msg(`X-Auto-Response-Suppress: ${v}\r\n`)).suppressAutoReply, v).toBe(false);
    }
  });

  it('LOOP-5: XARS together with the Exchange inbox-rules loop marker is an out-of-office', () => {
    const r = classifyMessage(
      msg('X-Auto-Response-Suppress: All\r\nX-MS-Exchange-Inbox-Rules-Loop: ann@example.com\r\n'),
    );
    expect(r.categories).toEqual(['out-of-office']);
    expect(r.automated).toBe(true);
  });

  it('LOOP-5: Precedence counts by value, never by presence', () => {
    expect(classifyMessage(msg('Precedence: auto_reply\r\n')).categories).toEqual(['auto-reply']);
    expect(classifyMessage(msg('Precedence: normal\r\n')).automated).toBe(false);
    expect(classifyMessage(msg('Precedence: first-class\r\n')).suppressAutoReply).toBe(false);
    const bulk = classifyMessage(msg('Precedence: BULK\r\n'));
    expect(bulk.automated).toBe(false);
    expect(bulk.suppressAutoReply).toBe(true);
    expect(
      classifyMessage(msg('Precedence: bulk\r\nList-Unsubscribe: <https://news.example/u?id=1>\r\n'))
        .categories,
    ).toEqual(['bulk']);
  });
});

describe('lists and bulk senders', () => {
  it('LOOP-5: a discussion list post is mailing-list only and not automated', () => {
    const r = classifyMessage(
      msg(
        'List-Id: <dev.lists.example.org>\r\nList-Post: <mailto:dev@lists.example.org>\r\nPrecedence: list\r\n',
      ),
    );
    expect(r.categories).toEqual(['mailing-list']);
    expect(r.automated).toBe(false);
  });

  it('LOOP-5: one-click unsubscribe or an ESP campaign marker makes it bulk', () => {
    expect(
      classifyMessage(
        msg(
          'List-Unsubscribe: <https://x.example/u>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n',
        ),
      ).categories,
    ).toEqual(['bulk']);
    expect(classifyMessage(msg('X-Mailgun-Campaign-Id: spring-sale\r\n')).categories).toEqual(['bulk']);
    expect(classifyMessage(msg('X-SG-EID: abc\r\nPrecedence: bulk\r\n')).categories).toEqual(['bulk']);
  });
});

describe('senders', () => {
  it('LOOP-5: no-reply senders in their many spellings', () => {
    for (const a of [
      'noreply@x.example',
      'no-reply@x.example',
      'do_not_reply@x.example',
      'DoNotReply@x.example',
      'ne-pas-repondre@x.example',
    ]) {
      const r = classifyMessage(`From: Service <${a}>\r\nSubject: Your receipt\r\n\r\nThanks`);
      expect(r.categories, a).toContain('no-reply-sender');
      expect(r.automated, a).toBe(true);
    }
  });

  it('LOOP-5: a Mail.Ru auto-reply answers from a .autoreply Reply-To', () => {
    const raw =
      'From: Ivan <ivan@mail.ru>\r\nReply-To: ivan.autoreply@mail.ru\r\nSubject: Re: Order 5\r\n\r\nI will answer later.';
    expect(classifyMessage(raw).categories).toEqual(['auto-reply']);
  });

  it('LOOP-5: mailer-daemon is a system sender; postmaster alone is not proof of automation', () => {
    expect(classifyMessage('From: MAILER-DAEMON@mx.example\r\nSubject: hi\r\n\r\nx').automated).toBe(true);
    const pm = classifyMessage(
      'From: postmaster@example.com\r\nSubject: About your complaint\r\n\r\nI looked into it.',
    );
    expect(pm.categories).toEqual(['system-sender']);
    expect(pm.automated).toBe(false);
  });

  it('LOOP-5: the allowlist marks a trusted sender as not automated and says so', () => {
    const raw =
      'From: Alerts <noreply@partner.example>\r\nAuto-Submitted: auto-generated\r\nSubject: Nightly report\r\n\r\nx';
    expect(classifyMessage(raw).automated).toBe(true);
    for (const entry of [
      'noreply@partner.example',
      '@partner.example',
      'partner.example',
      'PARTNER.example',
    ]) {
      const r = classifyMessage(raw, { allowlist: [entry] });
      expect(r.automated, entry).toBe(false);
      expect(r.allowlisted, entry).toBe(true);
      expect(r.evidence.some((e) => e.signal === 'allowlist')).toBe(true);
    }
    expect(classifyMessage(raw, { allowlist: ['@other.example', 'mypartner.example'] }).allowlisted).toBe(
      false,
    );
  });
});

describe('reports read from the body', () => {
  const dsn = (action: string, status: string): string =>
    [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example>',
      'Subject: Delivery Status Notification',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Report.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example',
      '',
      'Final-Recipient: rfc822; bob@example.net',
      `Action: ${action}`,
      `Status: ${status}`,
      '',
      '--b1--',
      '',
    ].join('\r\n');

  it('LOOP-5: the per-recipient Action tells a bounce from a delay and a success', () => {
    expect(classifyMessage(dsn('failed', '5.1.1')).categories).toContain('bounce');
    expect(classifyMessage(dsn('delayed', '4.4.7')).categories).toEqual(['delivery-delay', 'system-sender']);
    expect(classifyMessage(dsn('delivered', '2.0.0')).categories).toEqual([
      'delivery-report',
      'system-sender',
    ]);
    const r = classifyMessage(dsn('Failed', '5.1.1 (user unknown)'));
    expect(r.report?.recipients).toEqual([
      { action: 'failed', status: '5.1.1', finalRecipient: 'bob@example.net' },
    ]);
  });

  it('LOOP-5: a parsed HeaderList plus options.body reads the same report part', () => {
    const raw = dsn('delayed', '4.4.7');
    const headers = parseHeaders(raw);
    const body = raw.slice(headers.bodyOffset ?? raw.length);
    expect(classifyMessage(headers, { body }).categories).toContain('delivery-delay');
    // Without the body the headers alone cannot tell: most DSNs are failures.
    expect(classifyMessage(headers).categories).toContain('bounce');
  });

  it('LOOP-5: read receipts and ARF feedback reports', () => {
    expect(
      classifyMessage(
        'From: a@x.example\r\nContent-Type: multipart/report; report-type=disposition-notification; boundary=z\r\n\r\n',
      ).categories,
    ).toEqual(['read-receipt']);
    expect(
      classifyMessage(
        'From: abuse@isp.example\r\nContent-Type: multipart/report; report-type=feedback-report; boundary=z\r\n\r\n',
      ).categories,
    ).toContain('feedback-report');
  });
});

describe('out-of-office subjects', () => {
  const languages = [
    'en',
    'de',
    'fr',
    'es',
    'it',
    'pt',
    'nl',
    'sv',
    'no',
    'da',
    'fi',
    'pl',
    'cs',
    'hu',
    'ro',
    'tr',
    'ru',
    'ja',
    'zh',
    'ko',
  ];

  it('LOOP-5: the table covers at least the 20 languages the issue lists', () => {
    const covered = new Set(OUT_OF_OFFICE_SUBJECTS.filter((p) => p.strength === 'strong').map((p) => p.lang));
    for (const lang of languages) expect(covered, lang).toContain(lang);
  });

  it('LOOP-5: every strong phrase, encoded as Outlook writes it, classifies a header-less reply as out-of-office', () => {
    for (const p of OUT_OF_OFFICE_SUBJECTS.filter((e) => e.strength === 'strong')) {
      const text = `${p.phrase.replace(/^./, (c) => c.toUpperCase())} Ihre Anfrage`;
      const encoded = `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
      const r = classifyMessage(`From: someone@example.com\r\nSubject: ${encoded}\r\n\r\nAway.`);
      expect(r.categories, `${p.lang}: ${p.phrase}`).toEqual(['out-of-office']);
    }
  });

  it('LOOP-5: a person replying to an out-of-office (Re: prefix) is not an out-of-office', () => {
    expect(
      classifyMessage(msg('').replace('Subject: Question', 'Subject: Re: Automatic reply: Question'))
        .automated,
    ).toBe(false);
    expect(
      classifyMessage(msg('').replace('Subject: Question', 'Subject: AW: Abwesenheitsnotiz: Frage'))
        .automated,
    ).toBe(false);
  });
});

describe('helpdesks', () => {
  it('LOOP-2: a Zendesk agent reply is helpdesk, not automated, although it carries Auto-Submitted and XARS', () => {
    const raw = msg(
      'Auto-Submitted: auto-generated\r\nX-Auto-Response-Suppress: All\r\nX-Mailer: Zendesk Mailer\r\nX-Zendesk-From-Account-Id: 7f3c2a1\r\n',
    );
    const r = classifyMessage(raw);
    expect(r.categories).toEqual(['helpdesk']);
    expect(r.automated).toBe(false);
    expect(r.helpdesk).toEqual({ product: 'zendesk', accountId: '7f3c2a1' });
    expect(r.suppressAutoReply).toBe(true);
    expect(r.evidence.find((e) => e.signal === 'auto-submitted')?.discounted).toMatch(/Zendesk/);
  });

  it('LOOP-2: a Zendesk message that is also an out-of-office stays automated', () => {
    const raw = msg('Auto-Submitted: auto-replied\r\nX-Mailer: Zendesk Mailer\r\n').replace(
      'Subject: Question',
      'Subject: Out of office: Question',
    );
    const r = classifyMessage(raw);
    expect(r.automated).toBe(true);
    expect(r.categories).toContain('helpdesk');
  });

  it('LOOP-2: extraSignatures adds a helpdesk product the defaults do not know', () => {
    const raw = msg('X-Acme-Desk-Ticket: 42\r\n');
    expect(classifyMessage(raw).helpdesk).toBeUndefined();
    const r = classifyMessage(raw, {
      extraSignatures: {
        helpdesks: [
          { product: 'acme-desk', name: 'Acme Desk', markers: [{ header: 'x-acme-desk-*' }], source: 'test' },
        ],
      },
    });
    expect(r.helpdesk?.product).toBe('acme-desk');
    expect(HELPDESK_FINGERPRINTS.some((f) => f.product === 'acme-desk')).toBe(false);
  });

  it('extraSignatures adds out-of-office phrases', () => {
    const raw = 'From: a@x.example\r\nSubject: Ferien bis Montag\r\n\r\nx';
    expect(classifyMessage(raw).automated).toBe(false);
    const extra = {
      outOfOfficeSubjects: [{ phrase: 'ferien bis', lang: 'de-CH', strength: 'strong' as const }],
    };
    expect(classifyMessage(raw, { extraSignatures: extra }).categories).toEqual(['out-of-office']);
  });
});

describe('results and programmer errors', () => {
  it('summarizeKind gives one word', () => {
    expect(summarizeKind(classifyMessage(msg('')))).toBe('human');
    expect(summarizeKind(classifyMessage(msg('Auto-Submitted: auto-replied\r\n')))).toBe('auto-reply');
    for (const c of CATEGORIES) expect(c).toMatch(/^[a-z-]+$/);
  });

  it('bad options throw with a message that says how to fix the call', () => {
    expect(() => classifyMessage(msg(''), { allowlist: 'ann@example.com' as unknown as string[] })).toThrow(
      /array of strings/,
    );
    expect(() => classifyMessage(msg(''), { limits: { maxParts: 0 } })).toThrow(/positive integer/);
    expect(() => classifyMessage(42 as unknown as string)).toThrow(/HeaderList/);
  });

  it('every SIGNALS id is listed in the README table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const listed = new Set([...readme.matchAll(/^\| `([a-z0-9-]+)` +\|/gm)].map((m) => m[1]));
    for (const id of Object.keys(SIGNALS)) expect(listed, id).toContain(id);
  });

  it('every signal emitted over all fixtures is a documented SIGNALS id, and evidence values are bounded', () => {
    const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
    const seen = new Set<string>();
    for (const sub of ['human', 'lists', 'helpdesk', 'automated', 'edge']) {
      for (const f of readdirSync(dir + sub)) {
        for (const e of classifyMessage(readFileSync(`${dir}${sub}/${f}`)).evidence) {
          seen.add(e.signal);
          expect((e.value ?? '').length).toBeLessThanOrEqual(200);
        }
      }
    }
    for (const id of seen) expect(Object.keys(SIGNALS), id).toContain(id);
    for (const sig of HEADER_SIGNATURES) expect(Object.keys(SIGNALS), sig.signal).toContain(sig.signal);
  });

  it('signals are stable ids', () => {
    expect(signals(msg('Auto-Submitted: auto-replied\r\n'))).toEqual(['auto-submitted']);
  });
});
