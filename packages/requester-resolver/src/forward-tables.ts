import type {
  ForwardBlockMarker,
  ForwardHeaderLabel,
  ForwardLabelField,
  ForwardSubjectPrefix,
  ForwardTables,
} from './types.js';

const marker = (client: string, language: string, phrase: string): ForwardBlockMarker => ({
  client,
  language,
  phrase,
  kind: 'forward',
});
/** A separator that replies use too ("Original Message"): it opens a forwarded block only under a forward subject. */
const original = (client: string, language: string, phrase: string): ForwardBlockMarker => ({
  client,
  language,
  phrase,
  kind: 'original',
});

/**
 * Lines that open a forwarded (or quoted original) block, as mail clients write them, per client and language.
 * Compared after trimming runs of `-`, `_`, `=`, `*`, `~`, spaces, `>` quoting and a final colon, case-insensitively.
 * A line made only of 8 or more underscores (Outlook desktop, web and mobile) is recognised without a table entry,
 * as an `original` marker. `original` markers also separate quoted history in replies, so they open a forwarded
 * block only when the subject carries a forward prefix; `forward` markers open one on their own.
 */
export const FORWARD_BLOCK_MARKERS: readonly ForwardBlockMarker[] = Object.freeze([
  // Gmail (web, Android, iOS): "---------- Forwarded message ---------"
  marker('gmail', 'en', 'Forwarded message'),
  marker('gmail', 'fr', 'Message transféré'),
  marker('gmail', 'de', 'Weitergeleitete Nachricht'),
  marker('gmail', 'es', 'Mensaje reenviado'),
  marker('gmail', 'it', 'Messaggio inoltrato'),
  marker('gmail', 'nl', 'Doorgestuurd bericht'),
  marker('gmail', 'pt', 'Mensagem encaminhada'),
  marker('gmail', 'sv', 'Vidarebefordrat meddelande'),
  marker('gmail', 'da', 'Videresendt meddelelse'),
  marker('gmail', 'nb', 'Videresendt melding'),
  marker('gmail', 'pl', 'Wiadomość przekazana dalej'),
  marker('gmail', 'ru', 'Пересылаемое сообщение'),
  marker('gmail', 'ja', '転送されたメッセージ'),
  marker('gmail', 'zh-CN', '转发的邮件'),
  marker('gmail', 'zh-TW', '轉寄的郵件'),
  marker('gmail', 'fi', 'Välitetty viesti'),
  marker('gmail', 'cs', 'Přeposlaná zpráva'),
  marker('gmail', 'tr', 'Yönlendirilmiş ileti'),
  marker('gmail', 'ko', '전달된 메시지'),
  marker('gmail', 'uk', 'Переслане повідомлення'),
  // Outlook desktop (plain text, and older versions): "-----Original Message-----"; replies use it too.
  original('outlook-desktop', 'en', 'Original Message'),
  original('outlook-desktop', 'de', 'Ursprüngliche Nachricht'),
  original('outlook-desktop', 'fr', "Message d'origine"),
  original('outlook-desktop', 'es', 'Mensaje original'),
  original('outlook-desktop', 'it', 'Messaggio originale'),
  original('outlook-desktop', 'nl', 'Oorspronkelijk bericht'),
  original('outlook-desktop', 'pt', 'Mensagem original'),
  original('outlook-desktop', 'sv', 'Ursprungligt meddelande'),
  original('outlook-desktop', 'da', 'Oprindelig meddelelse'),
  original('outlook-desktop', 'nb', 'Opprinnelig melding'),
  original('outlook-desktop', 'pl', 'Oryginalna wiadomość'),
  original('outlook-desktop', 'ru', 'Исходное сообщение'),
  original('outlook-desktop', 'ja', '元のメッセージ'),
  original('outlook-desktop', 'zh-CN', '原始邮件'),
  original('outlook-desktop', 'fi', 'Alkuperäinen viesti'),
  original('outlook-desktop', 'cs', 'Původní zpráva'),
  // Apple Mail (macOS, iOS): "Begin forwarded message:"
  marker('apple-mail', 'en', 'Begin forwarded message'),
  marker('apple-mail', 'fr', 'Début du message réexpédié'),
  marker('apple-mail', 'de', 'Anfang der weitergeleiteten Nachricht'),
  marker('apple-mail', 'es', 'Inicio del mensaje reenviado'),
  marker('apple-mail', 'it', 'Inizio messaggio inoltrato'),
  marker('apple-mail', 'nl', 'Begin doorgestuurd bericht'),
  marker('apple-mail', 'pt-BR', 'Início da mensagem encaminhada'),
  marker('apple-mail', 'pt-PT', 'Início da mensagem reencaminhada'),
  marker('apple-mail', 'sv', 'Vidarebefordrat brev'),
  marker('apple-mail', 'da', 'Videresendt besked'),
  marker('apple-mail', 'pl', 'Początek przekazywanej wiadomości'),
  marker('apple-mail', 'ru', 'Начало переадресованного сообщения'),
  marker('apple-mail', 'zh-CN', '以下是转发的邮件'),
  marker('apple-mail', 'zh-TW', '以下為轉寄的郵件'),
  marker('apple-mail', 'fi', 'Välitetty viesti alkaa'),
  // Thunderbird: "-------- Forwarded Message --------" (same phrase in Yahoo "----- Forwarded Message -----",
  // Proton "------- Forwarded Message -------"); the localized ones below are Thunderbird's.
  marker('thunderbird', 'en', 'Forwarded Message'),
  marker('thunderbird', 'pl', 'Przekazana wiadomość'),
  marker('thunderbird', 'ru', 'Перенаправленное сообщение'),
  marker('thunderbird', 'ja', '転送メッセージ'),
  marker('thunderbird', 'cs', 'Přeposlaná zpráva'),
  // Webmails: Roundcube "-------- Original Message --------" (see Outlook's entry), Zoho "============ Forwarded message ============",
  // Mail.ru / Yandex "-------- Пересылаемое сообщение --------", GMX / WEB.DE "Weitergeleitete Nachricht".
  marker('zoho', 'en', 'Forwarded message'),
  original('roundcube', 'de', 'Originalnachricht'),
  marker('yahoo', 'fr', 'Message transféré'),
]);

const label = (language: string, field: ForwardLabelField, text: string): ForwardHeaderLabel => ({
  language,
  field,
  label: text,
});

function labels(
  language: string,
  from: readonly string[],
  to: readonly string[],
  cc: readonly string[],
  date: readonly string[],
  subject: readonly string[],
): ForwardHeaderLabel[] {
  return [
    ...from.map((t) => label(language, 'from', t)),
    ...to.map((t) => label(language, 'to', t)),
    ...cc.map((t) => label(language, 'cc', t)),
    ...date.map((t) => label(language, 'date', t)),
    ...subject.map((t) => label(language, 'subject', t)),
  ];
}

/**
 * Header labels inside forwarded blocks, per language, as Gmail, Outlook (desktop, web, mobile), Apple Mail,
 * Thunderbird and the common webmails write them. Compared case-insensitively after trimming spaces and `*`
 * (Outlook's HTML-to-text `*From:*`); a space before the colon (French `De :`) is allowed.
 */
export const FORWARD_HEADER_LABELS: readonly ForwardHeaderLabel[] = Object.freeze([
  ...labels('en', ['From'], ['To'], ['Cc'], ['Date', 'Sent'], ['Subject']),
  ...labels(
    'fr',
    ['De'],
    ['À', 'A', 'Pour'],
    ['Cc', 'Copie'],
    ['Date', 'Envoyé', 'Envoyé le'],
    ['Objet', 'Sujet'],
  ),
  ...labels('de', ['Von'], ['An'], ['Cc', 'Kopie'], ['Datum', 'Gesendet'], ['Betreff']),
  ...labels('es', ['De'], ['Para'], ['CC'], ['Fecha', 'Enviado', 'Enviado el'], ['Asunto']),
  ...labels('it', ['Da'], ['A'], ['Cc'], ['Data', 'Inviato', 'Inviato il'], ['Oggetto']),
  ...labels('nl', ['Van'], ['Aan'], ['CC'], ['Datum', 'Verzonden'], ['Onderwerp']),
  ...labels('pt', ['De'], ['Para'], ['Cc'], ['Data', 'Enviado', 'Enviada em', 'Enviado em'], ['Assunto']),
  ...labels('sv', ['Från'], ['Till'], ['Kopia'], ['Datum', 'Skickat'], ['Ämne']),
  ...labels('da', ['Fra'], ['Til'], ['Cc'], ['Dato', 'Sendt'], ['Emne']),
  ...labels('nb', ['Fra'], ['Til'], ['Kopi'], ['Dato', 'Sendt'], ['Emne']),
  ...labels('pl', ['Od'], ['Do'], ['DW', 'Kopia'], ['Data', 'Wysłano', 'Wysłane'], ['Temat']),
  ...labels('ru', ['От', 'От кого'], ['Кому'], ['Копия'], ['Дата', 'Отправлено'], ['Тема']),
  ...labels('uk', ['Від'], ['Кому'], ['Копія'], ['Дата', 'Надіслано'], ['Тема']),
  ...labels('ja', ['差出人', '送信者'], ['宛先'], ['CC'], ['日付', '送信日時'], ['件名']),
  ...labels('zh-CN', ['发件人'], ['收件人'], ['抄送'], ['日期', '发送时间'], ['主题']),
  ...labels('zh-TW', ['寄件者'], ['收件者'], ['副本'], ['日期', '寄件日期'], ['主旨']),
  ...labels('fi', ['Lähettäjä'], ['Vastaanottaja'], ['Kopio'], ['Päivämäärä', 'Lähetetty'], ['Aihe']),
  ...labels('cs', ['Od'], ['Komu'], ['Kopie'], ['Datum', 'Odesláno'], ['Předmět']),
  ...labels('tr', ['Kimden'], ['Kime'], ['Bilgi'], ['Tarih', 'Gönderildi'], ['Konu']),
  ...labels('ko', ['보낸 사람'], ['받는 사람'], ['참조'], ['날짜', '보낸 날짜'], ['제목']),
  ...labels('hu', ['Feladó'], ['Címzett'], ['Másolat'], ['Dátum', 'Elküldve'], ['Tárgy']),
  ...labels('el', ['Από'], ['Προς'], ['Κοιν.'], ['Ημερομηνία', 'Στάλθηκε'], ['Θέμα']),
  ...labels('ro', ['De la'], ['Către'], ['Cc'], ['Dată', 'Trimis'], ['Subiect']),
]);

const prefix = (language: string, text: string): ForwardSubjectPrefix => ({ language, prefix: text });

/**
 * Subject prefixes that mark a forward, per language (as Outlook, Gmail and Apple Mail write them).
 * `VS` is "forward" in Danish and Norwegian Outlook but "reply" in Finnish: kept, since a forward also needs an
 * agent sender.
 */
export const FORWARD_SUBJECT_PREFIXES: readonly ForwardSubjectPrefix[] = Object.freeze([
  prefix('en', 'Fwd'),
  prefix('en', 'Fw'),
  prefix('fr', 'TR'),
  prefix('de', 'WG'),
  prefix('es', 'RV'),
  prefix('it', 'I'),
  prefix('nl', 'Doorst'),
  prefix('da', 'VS'),
  prefix('sv', 'VB'),
  prefix('fi', 'VL'),
  prefix('pl', 'PD'),
  prefix('pt', 'ENC'),
  prefix('ru', 'Пересл'),
  prefix('ja', '転送'),
  prefix('zh-CN', '转发'),
  prefix('zh-TW', '轉寄'),
  prefix('tr', 'İLT'),
  prefix('hu', 'Továbbítás'),
  prefix('cs', 'PŘ'),
  prefix('el', 'ΠΡΘ'),
  prefix('ro', 'Redirecționat'),
]);

/** The default recognition tables, to extend: `{ ...DEFAULT_FORWARD_TABLES, subjectPrefixes: [...d, extra] }`. */
export const DEFAULT_FORWARD_TABLES: ForwardTables = Object.freeze({
  blockMarkers: FORWARD_BLOCK_MARKERS,
  headerLabels: FORWARD_HEADER_LABELS,
  subjectPrefixes: FORWARD_SUBJECT_PREFIXES,
});
