import * as fc from 'fast-check';

/*
 * Whole raw messages (CRLF line ends) of one kind each: what a person, an auto-responder, an MTA, a list server,
 * a bulk sender or a helpdesk really writes. Header sets follow the software they imitate (Outlook, Gmail, Apple
 * Mail, Thunderbird; Exchange, Postfix, qmail; Mailman, Google Groups; Mailchimp, SendGrid, Mailgun; Zendesk,
 * Zammad, Request Tracker, Freshdesk, Jira, Help Scout). Every generator is deterministic for a seed and shrinks
 * without outside state.
 */

const FIRST = [
  'Anna',
  'Lucas',
  'Sophie',
  'Marco',
  'Emily',
  'Jürgen',
  'Aino',
  'Priya',
  'Tomás',
  'Chen',
  'Olga',
  'Kenji',
];
const LAST = [
  'Becker',
  'Martin',
  'Laurent',
  'Rossi',
  'Carter',
  'Hoffmann',
  'Virtanen',
  'Nair',
  'García',
  'Wei',
  'Ivanova',
  'Sato',
];
const DOMAINS = [
  'contoso.example',
  'fabrikam.example',
  'northwind.example',
  'adatum.example',
  'litware.example',
];
const TOPICS = [
  'Invoice 4471',
  'Order 10482',
  'Password reset link',
  'Refund for order 5521',
  'Delivery address change',
  'Licence transfer',
  'API rate limit',
  'Warranty claim WX-20',
];
const SENTENCES = [
  'Could you resend the invoice with our VAT number on it?',
  'The parcel arrived damaged, photos are attached.',
  'Thanks for the quick answer, that solved it.',
  'Can we move our call to Thursday afternoon?',
  'The reset link in your last message has expired.',
  'Please cancel the second order, it was a mistake.',
];

const hex = (length: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
const person: fc.Arbitrary<{ name: string; address: string }> = fc
  .record({
    first: fc.constantFrom(...FIRST),
    last: fc.constantFrom(...LAST),
    domain: fc.constantFrom(...DOMAINS),
  })
  .map(({ first, last, domain }) => ({
    name: `${first} ${last}`,
    address: `${`${first}.${last}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase()}@${domain}`,
  }));
const date: fc.Arbitrary<string> = fc
  .record({
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
  })
  .map(({ day, hour, minute }) => {
    const weekday = ['Sat', 'Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri'][day % 7];
    return `${weekday}, ${day} Mar 2025 ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00 +0000`;
  });
const topic: fc.Arbitrary<string> = fc.constantFrom(...TOPICS);
const text: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 3 })
  .map((s) => s.join(' '));
const SUPPORT = 'Example Support <support@example-shop.example>';

/** Encodes a UTF-8 header text as one RFC 2047 B word when it is not plain ASCII. */
function encodeWord(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const bytes = new TextEncoder().encode(value);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `=?UTF-8?B?${btoa(binary)}?=`;
}

/** Joins header lines and a body with CRLF. */
function message(headers: readonly string[], body: string): string {
  return `${headers.join('\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}\r\n`;
}

/**
 * A message a person wrote in a common client (Outlook, Gmail, Apple Mail, Thunderbird): new or a reply,
 * never carrying automatic markers.
 *
 * @example
 * fc.assert(fc.property(humanMessage(), (raw) => !/^Auto-Submitted:/im.test(raw)));
 */
export function humanMessage(): fc.Arbitrary<string> {
  return fc
    .record({
      from: person,
      date,
      topic,
      text,
      reply: fc.boolean(),
      client: fc.constantFrom('outlook', 'gmail', 'apple', 'thunderbird'),
      id: hex(32),
    })
    .map(({ from, date, topic, text, reply, client, id }) => {
      const subject = reply ? `Re: ${topic}` : topic;
      const threading = reply ? [`In-Reply-To: <${id.slice(0, 12)}@support.example-shop.example>`] : [];
      const [local, domain] = from.address.split('@') as [string, string];
      const common = [
        `From: ${encodeWord(from.name)} <${from.address}>`,
        `To: ${SUPPORT}`,
        `Subject: ${subject}`,
        `Date: ${date}`,
      ];
      switch (client) {
        case 'outlook':
          return message(
            [
              `Received: from AM9PR07MB7121.eurprd07.prod.outlook.com by DB9PR07MB8773.eurprd07.prod.outlook.com with HTTPS; ${date}`,
              ...common,
              `Thread-Topic: ${topic}`,
              `Message-ID: <AM9PR07MB7121${id.toUpperCase().slice(0, 28)}@AM9PR07MB7121.eurprd07.prod.outlook.com>`,
              ...threading,
              'Accept-Language: en-US',
              'Content-Language: en-US',
              'X-MS-Has-Attach:',
              'X-MS-TNEF-Correlator:',
              'Content-Type: text/plain; charset="us-ascii"',
              'MIME-Version: 1.0',
            ],
            text,
          );
        case 'gmail':
          return message(
            [
              `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20230601; h=to:subject:message-id:date:from:mime-version; bh=${id.slice(0, 20)}=; b=${id}`,
              'MIME-Version: 1.0',
              ...threading,
              ...common,
              `Message-ID: <CA${id.slice(0, 30)}+${id.slice(2, 14)}@mail.gmail.com>`,
              'Content-Type: text/plain; charset="UTF-8"',
            ],
            text,
          );
        case 'apple':
          return message(
            [
              'Content-Type: text/plain; charset=utf-8',
              'Content-Transfer-Encoding: 7bit',
              'Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3826.400.131.1.6\\))',
              ...common,
              `Message-Id: <${id.slice(0, 8).toUpperCase()}-${id.slice(8, 12).toUpperCase()}-${id.slice(12, 16).toUpperCase()}-${id.slice(16, 20).toUpperCase()}-${id.slice(20, 32).toUpperCase()}@${domain}>`,
              ...threading,
              'X-Mailer: Apple Mail (2.3826.400.131.1.6)',
            ],
            text,
          );
        default:
          return message(
            [
              `Message-ID: <${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}@${domain}>`,
              `Date: ${date}`,
              'MIME-Version: 1.0',
              'User-Agent: Mozilla Thunderbird',
              `Subject: ${subject}`,
              'Content-Language: en-US',
              `To: ${SUPPORT}`,
              ...threading,
              `From: ${encodeWord(from.name)} <${local}@${domain}>`,
              'Content-Type: text/plain; charset=UTF-8; format=flowed',
              'Content-Transfer-Encoding: 7bit',
            ],
            text,
          );
      }
    });
}

/**
 * An automatic reply that is not an absence notice: RFC 3834 `Auto-Submitted: auto-replied` from an autoresponder
 * (osTicket/cPanel/Gmail styles), answering a support message.
 *
 * @example
 * fc.sample(autoReplyMessage(), 1)[0]; // 'From: ...\r\nAuto-Submitted: auto-replied\r\n...'
 */
export function autoReplyMessage(): fc.Arbitrary<string> {
  return fc
    .record({
      from: person,
      date,
      topic,
      id: hex(24),
      style: fc.constantFrom('rfc3834', 'gmail', 'osticket', 'cpanel'),
    })
    .map(({ from, date, topic, id, style }) => {
      const base = [
        `From: ${encodeWord(from.name)} <${from.address}>`,
        `To: ${SUPPORT}`,
        `Date: ${date}`,
        `Message-ID: <${id}@${from.address.split('@')[1]}>`,
        `In-Reply-To: <${id.slice(0, 12)}@support.example-shop.example>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
      ];
      switch (style) {
        case 'gmail':
          return message(
            [
              ...base,
              `Subject: Re: ${topic}`,
              'Auto-Submitted: auto-replied',
              'X-Autoreply: yes',
              'Precedence: bulk',
            ],
            'Thanks for your message. I will answer within two working days.',
          );
        case 'osticket':
          return message(
            [
              ...base,
              `Subject: Support Ticket Opened [#${id.slice(0, 6)}]`,
              'Precedence: auto_reply',
              'X-Autoreply: yes',
              'Auto-Submitted: auto-replied',
              'X-Auto-Response-Suppress: DR, RN, OOF, AutoReply',
            ],
            'A request for support has been created.',
          );
        case 'cpanel':
          return message(
            [...base, `Subject: Auto: ${topic}`, 'X-Autorespond: 1', 'Auto-Submitted: auto-replied'],
            'This is an automated response.',
          );
        default:
          return message(
            [...base, `Subject: Auto: ${topic}`, 'Auto-Submitted: auto-replied'],
            'Your message was received.',
          );
      }
    });
}

const OOO_PREFIXES = [
  'Automatic reply:',
  'Automatische Antwort:',
  'Réponse automatique :',
  'Respuesta automática:',
  'Risposta automatica:',
  'Resposta automática:',
  'Automatisch antwoord:',
  'Automatiskt svar:',
  'Automatisk svar:',
  'Automaattinen vastaus:',
  'Odpowiedź automatyczna:',
  'Automatická odpověď:',
  'Automatikus válasz:',
  'Răspuns automat:',
  'Otomatik yanıt:',
  'Автоматический ответ:',
  '自動応答:',
  '自动答复:',
  '자동 회신:',
  'Out of Office:',
];

/**
 * An out-of-office reply: Exchange (localized "Automatic reply:" prefix, XARS, inbox-rules loop), Zimbra
 * (`auto-replied (zimbra; vacation)`) or a header-less localized Outlook reply.
 *
 * @example
 * fc.sample(outOfOfficeMessage(), 1)[0]; // 'Subject: Automatische Antwort: ...'
 */
export function outOfOfficeMessage(): fc.Arbitrary<string> {
  return fc
    .record({
      from: person,
      date,
      topic,
      id: hex(32),
      prefix: fc.constantFrom(...OOO_PREFIXES),
      style: fc.constantFrom('exchange', 'zimbra', 'headerless'),
    })
    .map(({ from, date, topic, id, prefix, style }) => {
      const base = [
        `From: ${encodeWord(from.name)} <${from.address}>`,
        `To: ${SUPPORT}`,
        `Date: ${date}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset="utf-8"',
      ];
      const subject = `Subject: ${encodeWord(`${prefix} ${topic}`)}`;
      if (style === 'exchange') {
        return message(
          [
            ...base,
            subject,
            `Message-ID: <${id}@DB9PR07MB3731.eurprd07.prod.outlook.com>`,
            'Auto-Submitted: auto-generated',
            'X-Auto-Response-Suppress: All',
            `X-MS-Exchange-Inbox-Rules-Loop: ${from.address}`,
            'x-ms-exchange-generated-message-source: Mailbox Rules Agent',
          ],
          'I am out of the office until March 17.',
        );
      }
      if (style === 'zimbra') {
        return message(
          [
            ...base,
            subject,
            `Message-ID: <${id.slice(0, 10)}.${id.slice(10, 17)}.JavaMail.zimbra@${from.address.split('@')[1]}>`,
            'Auto-Submitted: auto-replied (zimbra; vacation)',
            'Precedence: bulk',
            'Return-Path: <>',
          ],
          'I am on vacation.',
        );
      }
      return message(
        [...base, subject, `Message-ID: <${id}@EXCH01.${from.address.split('@')[1]}>`, 'X-MS-Has-Attach:'],
        'Back on Monday.',
      );
    });
}

/**
 * A bounce: an RFC 3464 DSN with `Action: failed` (Postfix, Exchange), or a non-RFC qmail / Exim failure notice.
 *
 * @example
 * fc.sample(bounceMessage(), 1)[0]; // 'Return-Path: <>\r\nFrom: MAILER-DAEMON@...'
 */
export function bounceMessage(): fc.Arbitrary<string> {
  return fc
    .record({
      to: person,
      date,
      id: hex(16),
      host: fc.constantFrom('mx1.example-shop.example', 'mail.example-shop.example'),
      status: fc.constantFrom('5.1.1', '5.2.2', '5.7.1', '5.4.4', '5.0.0'),
      style: fc.constantFrom('postfix', 'exchange', 'qmail', 'exim'),
    })
    .map(({ to, date, id, host, status, style }) => {
      if (style === 'qmail') {
        return message(
          [
            'Return-Path: <>',
            `From: MAILER-DAEMON@${host}`,
            'To: support@example-shop.example',
            'Subject: failure notice',
            `Date: ${date}`,
            `Message-ID: <${id}.qmail@${host}>`,
          ],
          `Hi. This is the qmail-send program at ${host}.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n<${to.address}>:\n550 ${status} mailbox unavailable`,
        );
      }
      if (style === 'exim') {
        return message(
          [
            'Return-Path: <>',
            `From: Mail Delivery System <Mailer-Daemon@${host}>`,
            'To: support@example-shop.example',
            'Subject: Mail delivery failed: returning message to sender',
            `Date: ${date}`,
            `X-Failed-Recipients: ${to.address}`,
            'Auto-Submitted: auto-replied',
            `Message-Id: <E1t${id}@${host}>`,
          ],
          `This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its recipients.\n\n  ${to.address}\n    host said: 550 ${status} user unknown`,
        );
      }
      const boundary = `${id.toUpperCase()}.${date.length}/${host}`;
      const from =
        style === 'exchange'
          ? `Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@${host}>`
          : `MAILER-DAEMON@${host} (Mail Delivery System)`;
      const subject =
        style === 'exchange'
          ? 'Undeliverable: Your order has shipped'
          : 'Undelivered Mail Returned to Sender';
      return message(
        [
          'Return-Path: <>',
          `From: ${from}`,
          'To: support@example-shop.example',
          `Subject: ${subject}`,
          `Date: ${date}`,
          'Auto-Submitted: auto-replied',
          'MIME-Version: 1.0',
          `Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary="${boundary}"`,
          `Message-Id: <${id}@${host}>`,
        ],
        [
          'This is a MIME-encapsulated message.',
          '',
          `--${boundary}`,
          'Content-Description: Notification',
          'Content-Type: text/plain; charset=us-ascii',
          '',
          `This is the mail system at host ${host}.`,
          '',
          `<${to.address}>: host said: 550 ${status} recipient rejected`,
          '',
          `--${boundary}`,
          'Content-Description: Delivery report',
          'Content-Type: message/delivery-status',
          '',
          `Reporting-MTA: dns; ${host}`,
          '',
          `Final-Recipient: rfc822; ${to.address}`,
          `Original-Recipient: rfc822;${to.address}`,
          'Action: failed',
          `Status: ${status}`,
          `Diagnostic-Code: smtp; 550 ${status} recipient rejected`,
          '',
          `--${boundary}`,
          'Content-Description: Undelivered Message Headers',
          'Content-Type: text/rfc822-headers',
          '',
          'From: Example Support <support@example-shop.example>',
          `To: ${to.address}`,
          'Subject: Your order has shipped',
          '',
          `--${boundary}--`,
        ].join('\n'),
      );
    });
}

/**
 * A post a person sent to a discussion list, as the list server relays it (Mailman 2, Mailman 3, Google Groups).
 *
 * @example
 * fc.sample(listMessage(), 1)[0]; // '...List-Post: <mailto:dev@lists.example.org>...'
 */
export function listMessage(): fc.Arbitrary<string> {
  return fc
    .record({
      from: person,
      date,
      topic,
      text,
      id: hex(32),
      list: fc.constantFrom('dev', 'users', 'announce-discuss'),
      server: fc.constantFrom('mailman2', 'mailman3', 'google-groups'),
    })
    .map(({ from, date, topic, text, id, list, server }) => {
      const post = [
        `From: ${encodeWord(from.name)} <${from.address}>`,
        `Date: ${date}`,
        `Subject: Re: [${list}] ${topic}`,
        `Message-ID: <${id}@${from.address.split('@')[1]}>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
      ];
      if (server === 'google-groups') {
        return message(
          [
            ...post,
            `To: ${list} <${list}@googlegroups.com>`,
            `Sender: ${list}@googlegroups.com`,
            `X-Original-Sender: ${from.address}`,
            `Reply-To: ${list}@googlegroups.com`,
            'Precedence: list',
            `Mailing-list: list ${list}@googlegroups.com; contact ${list}+owners@googlegroups.com`,
            `List-ID: <${list}.googlegroups.com>`,
            'X-Google-Group-Id: 856124926423',
            `List-Post: <https://groups.google.com/group/${list}/post>, <mailto:${list}@googlegroups.com>`,
            `List-Unsubscribe: <mailto:googlegroups-manage+856124926423+unsubscribe@googlegroups.com>`,
          ],
          text,
        );
      }
      const version = server === 'mailman2' ? '2.1.39' : '3.3.9';
      return message(
        [
          ...post,
          `To: ${list}@lists.example.org`,
          `X-BeenThere: ${list}@lists.example.org`,
          `X-Mailman-Version: ${version}`,
          'Precedence: list',
          `List-Id: ${list} discussion <${list}.lists.example.org>`,
          `List-Post: <mailto:${list}@lists.example.org>`,
          `List-Help: <mailto:${list}-request@lists.example.org?subject=help>`,
          `List-Unsubscribe: <mailto:${list}-leave@lists.example.org>`,
          `Sender: "${list}" <${list}-bounces@lists.example.org>`,
        ],
        text,
      );
    });
}

/**
 * A newsletter or marketing mail sent through an email service provider (Mailchimp, SendGrid, Mailgun), with
 * one-click List-Unsubscribe (RFC 8058).
 *
 * @example
 * fc.sample(bulkMessage(), 1)[0]; // '...List-Unsubscribe-Post: List-Unsubscribe=One-Click...'
 */
export function bulkMessage(): fc.Arbitrary<string> {
  return fc
    .record({
      date,
      id: hex(24),
      brand: fc.constantFrom('Northwind Outdoor', 'Fabrikam News', 'Litware Deals'),
      esp: fc.constantFrom('mailchimp', 'sendgrid', 'mailgun'),
      offer: fc.integer({ min: 10, max: 60 }),
    })
    .map(({ date, id, brand, esp, offer }) => {
      const domain = `${brand.split(' ')[0]!.toLowerCase()}.example`;
      const base = [
        `From: ${brand} <news@${domain}>`,
        'To: <support@example-shop.example>',
        `Subject: Spring sale: ${offer}% off everything`,
        `Date: ${date}`,
        'MIME-Version: 1.0',
        'Content-Type: text/html; charset="utf-8"',
        `List-Unsubscribe: <https://${domain}/unsubscribe?u=${id}>, <mailto:unsubscribe-${id}@${domain}>`,
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      ];
      const markers =
        esp === 'mailchimp'
          ? [
              `Message-ID: <${id}.20250306140003@mail53.atl41.mcdlv.net>`,
              `X-MC-User: ${id}`,
              `X-Campaign: mailchimp${id}`,
              `Feedback-ID: 1234567:1234567.8901234:us21:mc`,
            ]
          : esp === 'sendgrid'
            ? [`Message-ID: <${id}@geopod-ismtpd-4>`, `X-SG-EID: ${id}`, 'Precedence: bulk']
            : [
                `Message-Id: <20250306140003.${id}@${domain}>`,
                `X-Mailgun-Sid: ${id}`,
                `X-Mailgun-Tag: spring-sale`,
              ];
      return message(
        [...base, ...markers],
        `<html><body><h1>${offer}% off</h1><p>Until Sunday.</p></body></html>`,
      );
    });
}

/**
 * A reply an agent wrote in another helpdesk (Zendesk, Zammad, Request Tracker, Freshdesk, Jira Service
 * Management, Help Scout), carrying the product's own headers — including what it stamps on every message.
 *
 * @example
 * fc.sample(helpdeskMessage(), 1)[0]; // '...X-Mailer: Zendesk Mailer...'
 */
export function helpdeskMessage(): fc.Arbitrary<string> {
  return fc
    .record({
      agent: person,
      date,
      topic,
      text,
      id: hex(24),
      product: fc.constantFrom('zendesk', 'zammad', 'rt', 'freshdesk', 'jira', 'helpscout'),
    })
    .map(({ agent, date, topic, text, id, product }) => {
      const common = [
        `To: ${SUPPORT}`,
        `Date: ${date}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        `Subject: Re: ${topic}`,
      ];
      switch (product) {
        case 'zendesk':
          return message(
            [
              `From: "${agent.name} (ACME Support)" <support@acme.example>`,
              ...common,
              `Message-ID: <${id.slice(0, 9).toUpperCase()}_${id.slice(9, 22)}_${id}_sprut@zendesk.com>`,
              'Auto-Submitted: auto-generated',
              'X-Auto-Response-Suppress: All',
              'X-Mailer: Zendesk Mailer',
              `X-Zendesk-From-Account-Id: ${id.slice(0, 7)}`,
              `X-Zendesk-Email-Id: 01J${id.toUpperCase().slice(0, 23)}`,
            ],
            `##- Please type your reply above this line -##\n\n${text}`,
          );
        case 'zammad':
          return message(
            [
              `From: ${agent.name} via Initech Helpdesk <helpdesk@initech.example>`,
              ...common,
              `Message-ID: <${id}@zammad.initech.example>`,
              'X-Mailer: Zammad Mail Service',
              'X-Powered-By: Zammad - Helpdesk/Support (https://zammad.org/)',
            ],
            text,
          );
        case 'rt':
          return message(
            [
              `From: "${agent.name} via RT" <help@rt.hooli.example>`,
              ...common,
              `Message-ID: <rt-5.0.7-${id.slice(0, 6)}-${id.slice(6, 16)}@hooli.example>`,
              'X-RT-Loop-Prevention: hooli.example',
              'X-RT-Ticket: hooli.example #77120',
              'X-Managed-BY: RT 5.0.7 (http://www.bestpractical.com/rt/)',
              'Precedence: bulk',
            ],
            text,
          );
        case 'freshdesk':
          return message(
            [
              `From: Globex Support <support@globex.example>`,
              ...common,
              `Message-ID: <${id}@sidekiq-emailoutbound-7c9d8f6b5-x2k4p.fd-pod-use1-a.freshdesk.com.mail>`,
            ],
            text,
          );
        case 'jira':
          return message(
            [
              `From: "${agent.name} (ACME IT)" <jira@acme-it.atlassian.net>`,
              ...common,
              `Message-ID: <JIRA.10452.${id.replace(/\D/g, '1').slice(0, 13)}@Atlassian.JIRA>`,
              `X-JIRA-FingerPrint: ${id}`,
              'Auto-Submitted: auto-generated',
              'Precedence: bulk',
            ],
            `${agent.name} commented:\n\n${text}`,
          );
        default:
          return message(
            [
              `From: ${agent.name} <help@cyberdyne.example>`,
              ...common,
              `Message-ID: <reply-${id.replace(/\D/g, '7').slice(0, 5)}-${id.slice(5, 15)}@helpscout.net>`,
            ],
            text,
          );
      }
    });
}
