import * as fc from 'fast-check';

/** A person the generators put in a message: the address and the display name (may be empty). */
export interface GeneratedPerson {
  readonly address: string;
  readonly name: string;
}

/** Mail clients whose inline-forward layout {@link forwardedMessage} reproduces. */
export type ForwardClient =
  | 'gmail'
  | 'outlook'
  | 'outlook-desktop'
  | 'outlook-plaintext'
  | 'apple-mail'
  | 'thunderbird'
  | 'yahoo';

/** Label languages {@link forwardedMessage} can write the forwarded header block in. */
export type ForwardLanguage =
  | 'en'
  | 'fr'
  | 'de'
  | 'es'
  | 'it'
  | 'nl'
  | 'sv'
  | 'da'
  | 'pl'
  | 'ru'
  | 'ja'
  | 'zh';

/** An agent's forward of a customer's mail, as the agent's client wrote it. */
export interface GeneratedForwardedMessage {
  /** The whole message: header block, empty line, text/plain body (UTF-8, 8bit), CRLF line ends. */
  readonly raw: string;
  /** The decoded text body (what a consumer passes as the text part). */
  readonly bodyText: string;
  /** The agent who forwarded (From of the outer message). */
  readonly agent: GeneratedPerson;
  /** The author of the forwarded message: who a resolver should name as requester. */
  readonly originalSender: GeneratedPerson;
  readonly client: ForwardClient;
  readonly language: ForwardLanguage;
}

/** Options for {@link forwardedMessage}. */
export interface ForwardedMessageOptions {
  /** Domain of the forwarding agents (default `acme.example`); original senders never use it. */
  readonly agentDomain?: string;
  /** Address the agent forwards to (default `support@acme.example`). */
  readonly to?: string;
  /** Restrict the clients generated. */
  readonly clients?: readonly ForwardClient[];
  /** Restrict the label languages generated. */
  readonly languages?: readonly ForwardLanguage[];
}

const FIRST = [
  'Ann',
  'Tom',
  'Jürgen',
  'Lucía',
  'Søren',
  'Zoë',
  'Иван',
  '花子',
  'Li',
  'Mary-Jane',
  'Ola',
  'Aino',
];
const LAST = [
  'Example',
  'Baker',
  'Weiß',
  'Fernández',
  'Møller',
  "O'Neil",
  'Петров',
  '山田',
  'Wei',
  'Smith',
  'de Vries',
];

const localPart: fc.Arbitrary<string> = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/),
    fc.option(fc.tuple(fc.constantFrom('.', '_', '-', '+'), fc.stringMatching(/^[a-z0-9]{1,8}$/)), {
      nil: undefined,
    }),
  )
  .map(([head, tail]) => (tail === undefined ? head : `${head}${tail[0]}${tail[1]}`));

function customerDomain(exclude: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
      fc.constantFrom('example', 'test', 'example.com'),
    )
    .map(([label, tld]) => `${label}.${tld}`)
    .filter((d) => d !== exclude.toLowerCase() && !d.endsWith(`.${exclude.toLowerCase()}`));
}

function person(domain: fc.Arbitrary<string>): fc.Arbitrary<GeneratedPerson> {
  return fc
    .record({
      local: localPart,
      domain,
      name: fc.option(
        fc.tuple(fc.constantFrom(...FIRST), fc.constantFrom(...LAST)).map(([f, l]) => `${f} ${l}`),
        { nil: '' },
      ),
    })
    .map(({ local, domain: d, name }) => ({ address: `${local}@${d}`, name }));
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Unstructured header text: as is when printable ASCII, else one RFC 2047 `B` encoded word. */
function headerText(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return `=?UTF-8?B?${btoa(bin)}?=`;
}

/** A header-safe `From:`-style value: RFC 2047 for non-ASCII names, quotes for specials. */
function headerMailbox(p: GeneratedPerson): string {
  if (p.name === '') return p.address;
  if (!PRINTABLE_ASCII.test(p.name)) return `${headerText(p.name)} <${p.address}>`;
  return /^[A-Za-z0-9 !#$%&*+\-/=?^_`{|}~]*$/.test(p.name)
    ? `${p.name} <${p.address}>`
    : `"${p.name.replace(/["\\]/g, '\\$&')}" <${p.address}>`;
}

/** A mailbox as clients print it inside a forwarded block (decoded name, no encoded words). */
function textMailbox(p: GeneratedPerson): string {
  return p.name === '' ? p.address : `${p.name} <${p.address}>`;
}

interface Labels {
  readonly from: string;
  readonly sent: string;
  readonly to: string;
  readonly subject: string;
  readonly date: string;
  readonly prefix: string;
  readonly gmail: string;
  readonly apple: string;
  readonly thunderbird: string;
  readonly original: string;
}

/** Labels per language, as Outlook/Gmail/Apple Mail/Thunderbird write them (independent of any resolver's table). */
const LABELS: Record<ForwardLanguage, Labels> = {
  en: {
    from: 'From',
    sent: 'Sent',
    to: 'To',
    subject: 'Subject',
    date: 'Date',
    prefix: 'FW',
    gmail: 'Forwarded message',
    apple: 'Begin forwarded message:',
    thunderbird: 'Forwarded Message',
    original: 'Original Message',
  },
  fr: {
    from: 'De :',
    sent: 'Envoyé :',
    to: 'À :',
    subject: 'Objet :',
    date: 'Date :',
    prefix: 'TR',
    gmail: 'Message transféré',
    apple: 'Début du message réexpédié :',
    thunderbird: 'Message transféré',
    original: "Message d'origine",
  },
  de: {
    from: 'Von',
    sent: 'Gesendet',
    to: 'An',
    subject: 'Betreff',
    date: 'Datum',
    prefix: 'WG',
    gmail: 'Weitergeleitete Nachricht',
    apple: 'Anfang der weitergeleiteten Nachricht:',
    thunderbird: 'Weitergeleitete Nachricht',
    original: 'Ursprüngliche Nachricht',
  },
  es: {
    from: 'De',
    sent: 'Enviado el',
    to: 'Para',
    subject: 'Asunto',
    date: 'Fecha',
    prefix: 'RV',
    gmail: 'Mensaje reenviado',
    apple: 'Inicio del mensaje reenviado:',
    thunderbird: 'Mensaje reenviado',
    original: 'Mensaje original',
  },
  it: {
    from: 'Da',
    sent: 'Inviato',
    to: 'A',
    subject: 'Oggetto',
    date: 'Data',
    prefix: 'I',
    gmail: 'Messaggio inoltrato',
    apple: 'Inizio messaggio inoltrato:',
    thunderbird: 'Messaggio inoltrato',
    original: 'Messaggio originale',
  },
  nl: {
    from: 'Van',
    sent: 'Verzonden',
    to: 'Aan',
    subject: 'Onderwerp',
    date: 'Datum',
    prefix: 'Doorst',
    gmail: 'Doorgestuurd bericht',
    apple: 'Begin doorgestuurd bericht:',
    thunderbird: 'Doorgestuurd bericht',
    original: 'Oorspronkelijk bericht',
  },
  sv: {
    from: 'Från',
    sent: 'Skickat',
    to: 'Till',
    subject: 'Ämne',
    date: 'Datum',
    prefix: 'VB',
    gmail: 'Vidarebefordrat meddelande',
    apple: 'Vidarebefordrat brev:',
    thunderbird: 'Vidarebefordrat meddelande',
    original: 'Ursprungligt meddelande',
  },
  da: {
    from: 'Fra',
    sent: 'Sendt',
    to: 'Til',
    subject: 'Emne',
    date: 'Dato',
    prefix: 'VS',
    gmail: 'Videresendt meddelelse',
    apple: 'Videresendt besked:',
    thunderbird: 'Videresendt meddelelse',
    original: 'Oprindelig meddelelse',
  },
  pl: {
    from: 'Od',
    sent: 'Wysłano',
    to: 'Do',
    subject: 'Temat',
    date: 'Data',
    prefix: 'PD',
    gmail: 'Wiadomość przekazana dalej',
    apple: 'Początek przekazywanej wiadomości:',
    thunderbird: 'Przekazana wiadomość',
    original: 'Oryginalna wiadomość',
  },
  ru: {
    from: 'От',
    sent: 'Отправлено',
    to: 'Кому',
    subject: 'Тема',
    date: 'Дата',
    prefix: 'FW',
    gmail: 'Пересылаемое сообщение',
    apple: 'Начало переадресованного сообщения:',
    thunderbird: 'Перенаправленное сообщение',
    original: 'Исходное сообщение',
  },
  ja: {
    from: '差出人',
    sent: '送信日時',
    to: '宛先',
    subject: '件名',
    date: '日付',
    prefix: 'FW',
    gmail: '転送されたメッセージ',
    apple: '転送されたメッセージ:',
    thunderbird: '転送メッセージ',
    original: '元のメッセージ',
  },
  zh: {
    from: '发件人',
    sent: '发送时间',
    to: '收件人',
    subject: '主题',
    date: '日期',
    prefix: '转发',
    gmail: '转发的邮件',
    apple: '以下是转发的邮件：',
    thunderbird: '转发的邮件',
    original: '原始邮件',
  },
};

const ALL_CLIENTS: readonly ForwardClient[] = [
  'gmail',
  'outlook',
  'outlook-desktop',
  'outlook-plaintext',
  'apple-mail',
  'thunderbird',
  'yahoo',
];
const ALL_LANGUAGES = Object.keys(LABELS) as ForwardLanguage[];

/** `Label: value` with the label's own colon style (French labels carry ` :`). */
function line(label: string, value: string): string {
  return label.endsWith(':') ? `${label} ${value}` : `${label}: ${value}`;
}

function forwardBlock(
  client: ForwardClient,
  l: Labels,
  original: GeneratedPerson,
  to: string,
  subject: string,
): string[] {
  const from = textMailbox(original);
  switch (client) {
    case 'gmail':
      return [
        `---------- ${l.gmail} ---------`,
        line(l.from, from),
        line(l.date, 'Mon, Mar 3, 2025 at 6:12 PM'),
        line(l.subject, subject),
        line(l.to, `<${to}>`),
      ];
    case 'outlook':
      return [
        '________________________________',
        line(l.from, from),
        line(l.sent, 'Monday, March 3, 2025 18:12'),
        line(l.to, to),
        line(l.subject, subject),
      ];
    case 'outlook-desktop':
      // The text/plain alternative of Outlook desktop's HTML forward: no separator line, only the label block.
      return [
        line(l.from, from),
        line(l.sent, 'Monday, March 3, 2025 18:12'),
        line(l.to, to),
        line(l.subject, subject),
      ];
    case 'outlook-plaintext':
      return [
        `-----${l.original}-----`,
        line(
          l.from,
          original.name === ''
            ? `[mailto:${original.address}]`
            : `${original.name} [mailto:${original.address}]`,
        ),
        line(l.sent, 'Monday, March 3, 2025 18:12'),
        line(l.to, to),
        line(l.subject, subject),
      ];
    case 'apple-mail':
      return [
        l.apple,
        '',
        line(l.from, from),
        line(l.subject, subject),
        line(l.date, '3 March 2025 at 18:12:03 CET'),
        line(l.to, to),
      ];
    case 'thunderbird':
      return [
        `-------- ${l.thunderbird} --------`,
        line(l.subject, `\t${subject}`),
        line(l.date, '\tMon, 3 Mar 2025 18:12:03 +0100'),
        line(l.from, `\t${from}`),
        line(l.to, `\t${to}`),
      ];
    case 'yahoo':
      return [
        `----- ${l.gmail} -----`,
        line(l.from, from),
        line(l.to, to),
        line(l.sent, 'Monday, March 3, 2025, 06:12:03 PM GMT+1'),
        line(l.subject, subject),
      ];
  }
}

const SUBJECTS = [
  'Invoice 2291 is wrong',
  'Cannot log in',
  'Lieferung fehlt',
  'Remboursement',
  '注文について',
  'Refund',
];
const NOTES = [
  'Please take this one.',
  'FYI',
  'Bitte übernehmen.',
  'Peux-tu traiter ?',
  '',
  'See below\n\nBob',
];

/**
 * An agent's inline forward of a customer's message, in the layout of Gmail, Outlook (web/mobile underscore line,
 * the label-only text part of desktop HTML forwards, plain-text compose), Apple Mail, Thunderbird or Yahoo, with
 * header labels in one of 12 languages, plus the original sender it embeds. The outer From is an agent at `agentDomain`; the original sender never is.
 *
 * @example
 * fc.assert(fc.property(forwardedMessage(), ({ raw, bodyText, originalSender }) => {
 *   const r = resolveRequester(parseHeaders(raw), { agentAddresses: ['*@acme.example'], bodyText });
 *   return r.requester?.address === originalSender.address;
 * }));
 */
export function forwardedMessage(
  options: ForwardedMessageOptions = {},
): fc.Arbitrary<GeneratedForwardedMessage> {
  const agentDomain = options.agentDomain ?? 'acme.example';
  const to = options.to ?? `support@${agentDomain}`;
  return fc
    .record({
      agentLocal: localPart,
      agentName: fc.constantFrom('Bob Agent', 'Support Team', 'Zoë Møller', ''),
      original: person(customerDomain(agentDomain)),
      client: fc.constantFrom(...(options.clients ?? ALL_CLIENTS)),
      language: fc.constantFrom(...(options.languages ?? ALL_LANGUAGES)),
      subject: fc.constantFrom(...SUBJECTS),
      note: fc.constantFrom(...NOTES),
      quoted: fc.boolean(),
      crlfBody: fc.boolean(),
    })
    .map(({ agentLocal, agentName, original, client, language, subject, note, quoted, crlfBody }) => {
      const l = LABELS[language];
      const agent = { address: `${agentLocal}@${agentDomain}`, name: agentName };
      const block = forwardBlock(client, l, original, to, subject);
      // Some agents' clients quote the forwarded part with `> ` (plain-text forward inline).
      const shown =
        quoted && !client.startsWith('outlook') ? block.map((x) => (x === '' ? '>' : `> ${x}`)) : block;
      const bodyLines = [note, '', ...shown, '', 'Hello,', 'please help.', ''];
      const bodyText = bodyLines.join(crlfBody ? '\r\n' : '\n');
      const headers = [
        `From: ${headerMailbox(agent)}`,
        'To: acme@helpdesk.example',
        `Subject: ${headerText(`${l.prefix}: ${subject}`)}`,
        'Date: Tue, 4 Mar 2025 09:41:17 +0100',
        `Message-ID: <${agentLocal}.${language}.${client}@${agentDomain}>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: 8bit',
      ];
      const raw = `${headers.join('\r\n')}\r\n\r\n${bodyLines.join('\r\n')}`;
      return { raw, bodyText, agent, originalSender: original, client, language };
    });
}

/** List software whose DMARC From rewriting {@link listPostMessage} reproduces. */
export type ListSoftware = 'mailman3-reply-to' | 'mailman3-cc' | 'mailman2' | 'google-groups' | 'groups.io';

/** A list post whose From was rewritten by the list, with the original author it embeds. */
export interface GeneratedListPost {
  readonly raw: string;
  readonly software: ListSoftware;
  /** The list's posting address. */
  readonly listAddress: string;
  /** The author of the post: who a resolver should name as requester. */
  readonly originalSender: GeneratedPerson;
}

/** Options for {@link listPostMessage}. */
export interface ListPostMessageOptions {
  readonly software?: readonly ListSoftware[];
  /** Address the list delivers to (default `support@acme.example`). */
  readonly subscriber?: string;
}

const ALL_SOFTWARE: readonly ListSoftware[] = [
  'mailman3-reply-to',
  'mailman3-cc',
  'mailman2',
  'google-groups',
  'groups.io',
];

/**
 * A mailing-list post whose From the list software rewrote for DMARC ("Ann via Users"), with the headers Mailman 3
 * (author in Reply-To, or in Cc when Reply-To is the list), Mailman 2.1 (`from_is_list`), Google Groups
 * (`X-Original-From`, `X-Original-Sender`) or Groups.io write, plus the original author.
 *
 * @example
 * fc.assert(fc.property(listPostMessage(), ({ raw, originalSender }) =>
 *   resolveRequester(parseHeaders(raw)).requester?.address === originalSender.address));
 */
export function listPostMessage(options: ListPostMessageOptions = {}): fc.Arbitrary<GeneratedListPost> {
  const subscriber = options.subscriber ?? 'support@acme.example';
  return fc
    .record({
      software: fc.constantFrom(...(options.software ?? ALL_SOFTWARE)),
      author: person(customerDomain('lists.example.org')),
      listName: fc.constantFrom('users', 'announce', 'dev', 'help'),
      displayName: fc.constantFrom('Users', 'Acme Customers', 'Dev list', 'Hilfe'),
      subject: fc.constantFrom(...SUBJECTS),
    })
    .map(({ software, author, listName, displayName, subject }) => {
      const authorName = author.name === '' ? author.address.split('@')[0]! : author.name;
      const viaName = `${authorName} via ${displayName}`;
      let listAddress: string;
      const h: string[] = [];
      const mid = `<${author.address.replace('@', '.')}.${software}@lists.example.org>`;
      switch (software) {
        case 'mailman3-reply-to':
        case 'mailman3-cc': {
          listAddress = `${listName}@lists.example.org`;
          h.push(`From: ${headerMailbox({ address: listAddress, name: viaName })}`);
          if (software === 'mailman3-reply-to') h.push(`Reply-To: ${headerMailbox(author)}`);
          else h.push(`Reply-To: ${listAddress}`, `Cc: ${headerMailbox({ ...author, name: authorName })}`);
          h.push(
            `To: ${listAddress}`,
            `X-MailFrom: prvs=0512b7c3e1=${author.address}`,
            'X-Mailman-Version: 3.3.9',
            'Precedence: list',
            `List-Id: ${displayName} <${listName}.lists.example.org>`,
            `List-Post: <mailto:${listAddress}>`,
            `List-Unsubscribe: <mailto:${listName}-leave@lists.example.org>`,
          );
          break;
        }
        case 'mailman2': {
          listAddress = `${listName}@lists.example.org`;
          h.push(
            `From: ${headerMailbox({ address: listAddress, name: viaName })}`,
            `Reply-To: ${headerMailbox(author)}`,
            `To: ${listAddress}`,
            `X-BeenThere: ${listAddress}`,
            'X-Mailman-Version: 2.1.39',
            'Precedence: list',
            `List-Id: ${displayName} <${listName}.lists.example.org>`,
            `List-Post: <mailto:${listAddress}>`,
            `Sender: "${displayName}" <${listName}-bounces@lists.example.org>`,
          );
          break;
        }
        case 'google-groups': {
          listAddress = `${listName}@googlegroups.com`;
          h.push(
            `From: ${headerMailbox({ address: listAddress, name: `'${authorName}' via ${displayName}` })}`,
            `To: ${headerMailbox({ address: listAddress, name: displayName })}`,
            `X-Original-Sender: ${author.address}`,
            `X-Original-From: ${headerMailbox(author)}`,
            `Reply-To: ${headerMailbox(author)}`,
            'Precedence: list',
            `Mailing-list: list ${listAddress}; contact ${listName}+owners@googlegroups.com`,
            `List-ID: <${listName}.googlegroups.com>`,
            'X-Google-Group-Id: 482716523906',
            `List-Post: <https://groups.google.com/group/${listName}/post>, <mailto:${listAddress}>`,
          );
          break;
        }
        case 'groups.io': {
          listAddress = `${listName}@acme.groups.io`;
          h.push(
            `From: ${headerMailbox({ address: `${author.address.replace('@', '=')}@groups.io`, name: `${authorName} via groups.io` })}`,
            `X-Original-From: ${headerMailbox(author)}`,
            `Reply-To: ${listAddress},${author.address}`,
            `To: ${listAddress}`,
            'Precedence: Bulk',
            `List-Id: <${listName}.acme.groups.io>`,
            `Mailing-List: list ${listAddress}; contact ${listName}+owner@acme.groups.io`,
            `List-Post: <mailto:${listAddress}>`,
            `Sender: ${listAddress}`,
          );
          break;
        }
      }
      h.push(
        `Delivered-To: ${subscriber}`,
        `Subject: ${headerText(`[${listName}] ${subject}`)}`,
        'Date: Tue, 4 Mar 2025 11:01:58 +0100',
        `Message-ID: ${mid}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=UTF-8',
      );
      const raw = `${h.join('\r\n')}\r\n\r\n${subject}\r\n`;
      return { raw, software, listAddress, originalSender: author };
    });
}
