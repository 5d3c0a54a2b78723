import { decodeEncodedWords, type HeaderList, parseHeaders } from '@mailroom/headers';
import type { Category, Classification, Evidence, HelpdeskMatch, ReportSummary } from './classification.js';
import { CATEGORIES } from './classification.js';
import { EvidenceLog } from './evidence-log.js';
import { comments, firstAddress, parseMediaType, token, values } from './header-access.js';
import { type ClassifierLimits, type ClassifyOptions, DEFAULT_CLASSIFIER_LIMITS } from './options.js';
import { CLASSIFIER_PATTERNS as P } from './patterns.js';
import { type BodyFindings, readBody } from './report-part.js';
import { includesAny, isAllowlisted, isVerp, normalizedLocalPart, systemSenderEntry } from './senders.js';
import { mergeTables } from './signature-tables.js';
import { CALENDAR_RESPONSE_SUBJECTS, type HelpdeskFingerprint } from './signatures.js';
import {
  candidates,
  FieldValues,
  firstPhrase,
  helpdeskMatchers,
  match,
  namesWithPrefix,
  selfMatcher,
} from './table-index.js';

/** How many instances of a field the classifier reads for its own rules. */
const MAX_INSTANCES = 16;

/** Categories more specific than `auto-generated`: when one is present, `auto-generated` is dropped. */
const SPECIFIC_MACHINE_CATEGORIES: readonly Category[] = [
  'bounce',
  'delivery-delay',
  'delivery-report',
  'read-receipt',
  'feedback-report',
  'out-of-office',
  'auto-reply',
  'challenge-response',
  'calendar-response',
  'bulk',
];

/** Report categories: a message in one of them is not also called a plain auto-reply. */
const REPORT_CATEGORIES: readonly Category[] = [
  'bounce',
  'delivery-delay',
  'delivery-report',
  'read-receipt',
  'feedback-report',
];

function checkOptions(options: ClassifyOptions): ClassifierLimits {
  if (
    options.allowlist !== undefined &&
    (!Array.isArray(options.allowlist) || options.allowlist.some((a) => typeof a !== 'string'))
  ) {
    throw new TypeError(
      'classifyMessage: options.allowlist must be an array of strings such as "ann@example.com" or "@example.com".',
    );
  }
  if (options.limits === undefined) return DEFAULT_CLASSIFIER_LIMITS;
  const limits = { ...DEFAULT_CLASSIFIER_LIMITS, ...options.limits };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || (value as number) < 1) {
      throw new RangeError(
        `classifyMessage: options.limits.${key} must be a positive integer (got ${String(value)}).`,
      );
    }
  }
  return limits;
}

/** Splits a raw message into its header list and body. */
function split(
  input: HeaderList | Uint8Array | string,
  options: ClassifyOptions,
): { headers: HeaderList; body: Uint8Array | string | undefined } {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const headers = parseHeaders(input);
    const body =
      headers.bodyOffset === null
        ? undefined
        : typeof input === 'string'
          ? input.slice(headers.bodyOffset)
          : input.subarray(headers.bodyOffset);
    return { headers, body };
  }
  if (input === null || typeof input !== 'object' || typeof (input as HeaderList).getAll !== 'function') {
    throw new TypeError(
      'classifyMessage: pass a HeaderList from parseHeaders(), or the raw message as a Uint8Array or string.',
    );
  }
  return { headers: input, body: options.body };
}

/**
 * Classifies a message: what kind of mail it is (auto-reply, out-of-office, bounce, delay, delivery report, read
 * receipt, feedback report, challenge-response, calendar response, mailing list, bulk, no-reply or system sender,
 * machine notification, another helpdesk), whether a machine wrote it without a person acting, whether an automatic
 * reply must be suppressed, and every piece of evidence behind that. Accepts a parsed `HeaderList` (give the body as
 * `options.body` to let it read a `multipart/report`) or the raw message as bytes or a string. Never throws on
 * message content; throws only on malformed options.
 *
 * @rule LOOP-2, LOOP-5
 * @example
 * const result = classifyMessage(
 *   'From: Ann <ann@example.com>\r\nSubject: Automatic reply: Invoice 42\r\nAuto-Submitted: auto-replied\r\n\r\nI am away.',
 * );
 * result.categories; // ['out-of-office', 'auto-reply']
 * result.automated; // true
 */
export function classifyMessage(
  input: HeaderList | Uint8Array | string,
  options: ClassifyOptions = {},
): Classification {
  const limits = checkOptions(options);
  const tables = mergeTables(options.extraSignatures);
  const { headers, body } = split(input, options);
  const names = headers.names();
  const log = new EvidenceLog();
  const fields = new FieldValues(headers, limits.maxValueLength);
  const max = limits.maxValueLength;
  const first = (name: string): string | undefined => fields.get(name)[0];

  // --- RFC 3834 Auto-Submitted (every instance; `no` never counts; parameters and comments tolerated).
  for (const raw of values(headers, 'auto-submitted', MAX_INSTANCES, max)) {
    const keyword = (token(raw).split(';')[0] ?? '').trim();
    const rest = `${comments(raw)} ${raw.toLowerCase()}`;
    if (keyword === 'no' || keyword === '') {
      log.add('auto-submitted-no', null, 'weak', {
        header: 'auto-submitted',
        value: raw,
        automates: false,
        suppress: false,
      });
    } else if (
      keyword.startsWith('auto-replied') &&
      (rest.includes('vacation') || rest.includes('owner-email='))
    ) {
      log.add('auto-submitted-vacation', 'out-of-office', 'definitive', {
        header: 'auto-submitted',
        value: raw,
      });
    } else if (keyword.startsWith('auto-replied')) {
      log.add('auto-submitted', 'auto-reply', 'definitive', { header: 'auto-submitted', value: raw });
    } else {
      log.add('auto-submitted', 'auto-generated', 'definitive', { header: 'auto-submitted', value: raw });
    }
  }

  // --- Precedence / X-Precedence: by value, never by presence.
  for (const name of ['precedence', 'x-precedence']) {
    for (const raw of values(headers, name, MAX_INSTANCES, max)) {
      const v = token(raw);
      if (v.startsWith('auto_reply') || v.startsWith('auto-reply'))
        log.add('precedence-auto-reply', 'auto-reply', 'strong', { header: name, value: raw });
      else if (v.startsWith('bulk') || v.startsWith('junk'))
        log.add('precedence-bulk', 'bulk', 'weak', { header: name, value: raw });
      else if (v.startsWith('list'))
        log.add('precedence-list', 'mailing-list', 'weak', { header: name, value: raw, automates: false });
    }
  }

  // --- X-Auto-Response-Suppress: a request not to answer, not evidence of automation. Only All, OOF and
  // AutoReply ask to suppress automatic replies; DR/NDR/RN/NRN concern reports and None asks for nothing.
  let xarsTokens: string[] = [];
  for (const raw of values(headers, 'x-auto-response-suppress', MAX_INSTANCES, max)) {
    const tokens = raw
      .toLowerCase()
      .split(',')
      .map((t) => t.trim());
    xarsTokens = xarsTokens.concat(tokens);
    log.add('x-auto-response-suppress', null, 'weak', {
      header: 'x-auto-response-suppress',
      value: raw,
      automates: false,
      suppress: tokens.some((t) => t === 'all' || t === 'oof' || t === 'autoreply'),
    });
  }
  const inboxRulesLoop = first('x-ms-exchange-inbox-rules-loop');
  if (inboxRulesLoop !== undefined) {
    log.add('exchange-inbox-rules-loop', null, 'weak', {
      header: 'x-ms-exchange-inbox-rules-loop',
      value: inboxRulesLoop,
      automates: false,
    });
  }

  // --- Vendor-neutral header table.
  for (const { entry: sig } of candidates(tables.headers, names, selfMatcher)) {
    const m = match(fields, names, sig);
    if (m !== null) {
      log.add(sig.signal, sig.category, sig.strength, {
        header: m.header,
        value: m.value,
        suppress: sig.suppressAutoReply ?? true,
      });
    }
  }

  // --- Senders.
  const fromValue = first('from');
  const from = fromValue === undefined ? null : firstAddress(fromValue);
  const returnPath = first('return-path');
  const nullReturnPath = returnPath !== undefined && P.nullPath.test(returnPath.replace(P.whitespaceRun, ''));
  if (nullReturnPath)
    log.add('null-return-path', null, 'strong', {
      header: 'return-path',
      value: returnPath,
      automates: false,
    });
  let systemName = false;
  let systemLocal = false;
  if (from !== null) {
    const entry = systemSenderEntry(from.localPart, tables);
    if (entry !== undefined) {
      systemLocal = true;
      log.add('system-sender', 'system-sender', 'strong', {
        header: 'from',
        value: from.address,
        automates: entry.automated,
      });
    }
    if (tables.systemSenderNames.includes(from.name)) {
      systemName = true;
      log.add('system-sender-name', 'system-sender', 'weak', { header: 'from', value: from.name });
    }
    const normalized = normalizedLocalPart(from.localPart);
    if (includesAny(normalized, tables.noReplyLocalParts)) {
      log.add('no-reply-sender', 'no-reply-sender', 'strong', { header: 'from', value: from.address });
    }
  }
  // Mail.Ru and similar services answer from `<name>.autoreply@…` (freescout#2826).
  const replyToValue = first('reply-to');
  const replyTo = replyToValue === undefined ? null : firstAddress(replyToValue);
  if (replyTo !== null && normalizedLocalPart(replyTo.localPart).endsWith('autoreply')) {
    log.add('reply-to-autoreply', 'auto-reply', 'strong', { header: 'reply-to', value: replyTo.address });
  }
  const failedRecipients = first('x-failed-recipients');
  if (failedRecipients !== undefined)
    log.add('x-failed-recipients', 'bounce', 'strong', {
      header: 'x-failed-recipients',
      value: failedRecipients,
    });

  // --- Structure: content type and, when a body is at hand, the report part.
  const contentTypeValue = first('content-type');
  const contentType = parseMediaType(contentTypeValue);
  const topReportType =
    contentType.mediaType === 'multipart/report'
      ? (contentType.params.get('report-type') ?? '').toLowerCase()
      : '';
  let findings: BodyFindings | null = null;
  let truncated = headers.truncated;
  if (body !== undefined && body.length > 0) {
    findings = readBody(body, contentType, first('content-transfer-encoding'), limits);
    if (findings.truncated) truncated = true;
  }
  const reportType = topReportType || findings?.reportType || '';
  const reportPart = findings?.reportPart ?? '';
  let report: ReportSummary | undefined;

  let dsnDecided = false;
  const isDsn = reportType === 'delivery-status' || reportPart.endsWith('delivery-status');
  if (isDsn) {
    const recipients = findings?.recipients ?? [];
    report = { reportType: reportType || 'delivery-status', recipients };
    let any = false;
    for (const r of recipients) {
      const action = r.action;
      const cls = r.status?.[0];
      if (action === 'failed' || (action === '' && cls === '5')) {
        if (!log.has('dsn-action-failed'))
          log.add('dsn-action-failed', 'bounce', 'definitive', {
            value: `${action || 'status'} ${r.status ?? ''}`.trim(),
          });
        any = true;
      } else if (action === 'delayed' || (action === '' && cls === '4')) {
        if (!log.has('dsn-action-delayed'))
          log.add('dsn-action-delayed', 'delivery-delay', 'definitive', {
            value: `${action || 'status'} ${r.status ?? ''}`.trim(),
          });
        any = true;
      } else if (
        action === 'delivered' ||
        action === 'relayed' ||
        action === 'expanded' ||
        action === 'deliverable' ||
        (action === '' && cls === '2')
      ) {
        if (!log.has('dsn-action-delivered'))
          log.add('dsn-action-delivered', 'delivery-report', 'definitive', {
            value: `${action || 'status'} ${r.status ?? ''}`.trim(),
          });
        any = true;
      }
    }
    dsnDecided = any;
    if (!any) {
      // The headers alone cannot tell failure from delay or success; most DSNs are failures.
      log.add('report-delivery-status', 'bounce', 'strong', {
        header: 'content-type',
        value: contentTypeValue ?? reportPart,
      });
    }
  } else if (reportType === 'disposition-notification' || reportPart.endsWith('disposition-notification')) {
    const disposition = findings?.disposition;
    report = {
      reportType: 'disposition-notification',
      recipients: [],
      ...(disposition !== undefined ? { disposition } : {}),
    };
    const manual = disposition?.includes('manual-action') ?? false;
    log.add('report-disposition-notification', 'read-receipt', 'definitive', {
      header: 'content-type',
      value: contentTypeValue ?? reportPart,
      automates: !manual,
    });
  } else if (reportType === 'feedback-report' || reportPart === 'message/feedback-report') {
    const feedbackType = findings?.feedbackType;
    report = {
      reportType: 'feedback-report',
      recipients: [],
      ...(feedbackType !== undefined ? { feedbackType } : {}),
    };
    log.add('report-feedback', 'feedback-report', 'definitive', {
      header: 'content-type',
      value: contentTypeValue ?? reportPart,
    });
  } else if (reportType !== '') {
    report = { reportType, recipients: [] };
    log.add('report-other', 'auto-generated', 'strong', {
      header: 'content-type',
      value: contentTypeValue ?? reportType,
    });
  }

  // --- Subject phrases.
  const subjectRaw = first('subject');
  const subject =
    subjectRaw === undefined
      ? ''
      : decodeEncodedWords(subjectRaw).replace(P.whitespaceRun, ' ').trim().toLowerCase();
  const automationHint =
    nullReturnPath ||
    systemLocal ||
    systemName ||
    failedRecipients !== undefined ||
    xarsTokens.length > 0 ||
    inboxRulesLoop !== undefined ||
    log.list.some((e) => e.signal.startsWith('auto-submitted') && e.signal !== 'auto-submitted-no') ||
    log.list.some((e) => e.signal.startsWith('precedence-') && e.signal !== 'precedence-list') ||
    log.list.some((e) => e.strength !== 'weak' && e.category !== null && e.category !== 'mailing-list');

  if (subject !== '') {
    const ooo = firstPhrase(subject, tables.outOfOfficeSubjects);
    if (ooo !== undefined) {
      const counted = ooo.strength === 'strong' || automationHint;
      log.add('ooo-subject', 'out-of-office', counted ? 'strong' : 'weak', {
        header: 'subject',
        value: subject,
      });
    } else {
      const auto = firstPhrase(subject, tables.autoReplySubjects);
      if (auto !== undefined) {
        const counted = auto.strength === 'strong' || automationHint;
        log.add('auto-reply-subject', 'auto-reply', counted ? 'strong' : 'weak', {
          header: 'subject',
          value: subject,
        });
      }
    }
    const rep = firstPhrase(subject, tables.reportSubjects);
    if (rep !== undefined) {
      const corroborated =
        nullReturnPath ||
        systemLocal ||
        systemName ||
        failedRecipients !== undefined ||
        (findings?.returnedMessage ?? false) ||
        isDsn;
      // A report part read from the body is authoritative; the subject then only adds evidence.
      const structured = dsnDecided || report !== undefined;
      const counted =
        !structured && corroborated && (rep.strength === 'strong' || systemLocal || nullReturnPath);
      log.add('report-subject', rep.category, counted ? 'strong' : 'weak', {
        header: 'subject',
        value: subject,
      });
    }
    const calendar = firstPhrase(subject, CALENDAR_RESPONSE_SUBJECTS);
    const calendarClass = (first('content-class') ?? '').toLowerCase().includes('calendarmessage');
    if (calendar !== undefined) {
      const counted =
        calendarClass ||
        findings?.calendarMethod === 'reply' ||
        contentType.params.get('method')?.toLowerCase() === 'reply';
      log.add('calendar-subject', 'calendar-response', counted ? 'strong' : 'weak', {
        header: 'subject',
        value: subject,
        automates: false,
      });
    }
  }
  if (
    findings?.calendarMethod === 'reply' ||
    (contentType.mediaType === 'text/calendar' && contentType.params.get('method')?.toLowerCase() === 'reply')
  ) {
    log.add('calendar-reply', 'calendar-response', 'strong', {
      header: 'content-type',
      value: 'text/calendar; method=REPLY',
      automates: false,
    });
  }

  // --- Exchange out-of-office: XARS together with the inbox-rules loop marker.
  if (inboxRulesLoop !== undefined && xarsTokens.some((t) => t === 'all' || t === 'oof')) {
    log.add('exchange-oof', 'out-of-office', 'strong', {
      header: 'x-ms-exchange-inbox-rules-loop',
      value: inboxRulesLoop,
    });
  }

  // --- Gmail's only automatic reply is its vacation responder: auto-replied + X-Autoreply from Gmail's servers.
  const messageIdValue = first('message-id') ?? '';
  if (
    log.has('x-autoreply') &&
    log.list.some((e) => e.signal === 'auto-submitted' && e.category === 'auto-reply') &&
    messageIdValue.toLowerCase().endsWith('@mail.gmail.com>')
  ) {
    log.add('gmail-vacation', 'out-of-office', 'strong', { header: 'message-id', value: messageIdValue });
  }

  // --- Non-RFC bounces: wording of the first text part, read only when a system sender, a null return path, a
  // report subject or a returned message corroborates it (a person's mail is never scanned for bounce words).
  if (findings !== null && !log.hasCategory('bounce') && !log.hasCategory('delivery-delay')) {
    const corroborated =
      nullReturnPath ||
      systemLocal ||
      systemName ||
      log.has('report-subject') ||
      log.has('no-reply-sender') ||
      findings.returnedMessage;
    const text = corroborated ? findings.firstText() : '';
    const phrase = text === '' ? undefined : tables.reportBodyPhrases.find((p) => text.includes(p.phrase));
    if (phrase !== undefined) {
      log.add('report-body-phrase', phrase.category, 'strong', { value: phrase.phrase });
    } else if ((systemLocal || systemName) && findings.returnedMessage) {
      log.add('returned-message', 'bounce', 'strong', { value: 'message/rfc822 from a system sender' });
    }
  }

  // --- Mailing lists and bulk senders.
  const discussion = [
    'list-post',
    'x-beenthere',
    'x-mailman-version',
    'x-google-group-id',
    'mailing-list',
    'x-mailing-list',
    'x-ezmlm-*',
  ].map((h) =>
    h.endsWith('*') ? namesWithPrefix(names, h.slice(0, -1))[0] : headers.has(h) ? h : undefined,
  );
  const discussionHeader = discussion.find((h) => h !== undefined);
  const listId = first('list-id');
  const listUnsubscribe = first('list-unsubscribe');
  const oneClick = first('list-unsubscribe-post');
  let campaign: string | undefined;
  let transactional: string | undefined;
  for (const { entry: marker } of candidates(tables.espMarkers, names, selfMatcher)) {
    const m = match(fields, names, marker);
    if (m === null) continue;
    if (marker.kind === 'campaign' && campaign === undefined) {
      campaign = marker.name;
      log.add('esp-campaign', 'bulk', 'strong', { header: m.header, value: `${marker.name}: ${m.value}` });
    } else if (marker.kind === 'transactional' && transactional === undefined) {
      transactional = marker.name;
      log.add('esp-transactional', 'auto-generated', 'weak', {
        header: m.header,
        value: `${marker.name}: ${m.value}`,
      });
    }
  }
  const verp = returnPath !== undefined && isVerp(returnPath);
  if (discussionHeader !== undefined) {
    log.add('list-discussion', 'mailing-list', 'strong', {
      header: discussionHeader,
      value: first(discussionHeader) ?? '',
      automates: false,
    });
  } else {
    const bulkSignal =
      oneClick !== undefined ||
      campaign !== undefined ||
      (listUnsubscribe !== undefined && (log.has('precedence-bulk') || transactional !== undefined || verp));
    if (oneClick !== undefined)
      log.add('list-unsubscribe-post', 'bulk', 'strong', {
        header: 'list-unsubscribe-post',
        value: oneClick,
      });
    else if (bulkSignal && listUnsubscribe !== undefined)
      log.add('list-unsubscribe-bulk', 'bulk', 'strong', {
        header: 'list-unsubscribe',
        value: listUnsubscribe,
      });
    if (!bulkSignal && listId !== undefined)
      log.add('list-id', 'mailing-list', 'strong', { header: 'list-id', value: listId, automates: false });
    else if (!bulkSignal && listUnsubscribe !== undefined)
      log.add('list-unsubscribe', 'bulk', 'weak', { header: 'list-unsubscribe', value: listUnsubscribe });
  }
  if (verp)
    log.add('verp-return-path', null, 'weak', {
      header: 'return-path',
      value: returnPath ?? '',
      automates: false,
    });
  // Precedence: bulk with no list header at all: a bulk sender, weakly; it counts when a machine marker agrees.
  for (const e of log.list) {
    if (
      e.signal === 'precedence-bulk' &&
      (transactional !== undefined || listUnsubscribe !== undefined) &&
      discussionHeader === undefined
    )
      e.strength = 'strong';
    if (
      e.signal === 'esp-transactional' &&
      campaign === undefined &&
      (nullReturnPath ||
        log.has('precedence-bulk') ||
        listUnsubscribe !== undefined ||
        log.has('no-reply-sender'))
    )
      e.strength = 'strong';
  }

  // --- Helpdesks: identify, then discount what the product stamps on every message.
  let helpdesk: HelpdeskMatch | undefined;
  let product: HelpdeskFingerprint | undefined;
  for (const { entry: fp, matcher: marker } of candidates(tables.helpdesks, names, helpdeskMatchers)) {
    const m = match(fields, names, marker);
    if (m === null) continue;
    product = fp;
    log.add('helpdesk-marker', 'helpdesk', 'strong', {
      header: m.header,
      value: `${fp.name}: ${m.value}`,
      automates: false,
    });
    break;
  }
  if (product !== undefined) {
    let accountId: string | undefined;
    if (product.accountId !== undefined) {
      const m = match(fields, names, { header: product.accountId.header });
      const id = m === null ? null : product.accountId.pattern.exec(m.value.replace(P.angleBrackets, ''));
      if (id?.[1] !== undefined) accountId = id[1];
    }
    helpdesk =
      accountId === undefined ? { product: product.product } : { product: product.product, accountId };
    for (const stamp of product.stamps ?? []) {
      for (const e of log.list) {
        if (e.header !== stamp.header || e.value === undefined || e.discounted !== undefined) continue;
        if (stamp.pattern !== undefined) stamp.pattern.lastIndex = 0;
        if (stamp.pattern === undefined || stamp.pattern.test(e.value))
          e.discounted = `${product.name} puts it on every message, agent replies included`;
      }
    }
    for (const e of log.list) {
      if (e.signal === 'esp-transactional' && e.discounted === undefined)
        e.discounted = `${product.name} sends its mail through an ESP`;
    }
    for (const marker of product.automaticMarkers ?? []) {
      const m = match(fields, names, marker);
      if (m !== null) {
        log.add('helpdesk-automatic', 'auto-generated', 'strong', {
          header: m.header,
          value: `${product.name}: ${m.value}`,
        });
        break;
      }
    }
    const ack = (product.acknowledgementSubjects ?? []).find((p) => subject.startsWith(p.toLowerCase()));
    if (ack !== undefined)
      log.add('helpdesk-acknowledgement', 'auto-reply', 'strong', { header: 'subject', value: subject });
  }

  // --- Exchange rule-forwarded mail: the Auto-Submitted stamp is Microsoft's, the content a person's.
  const generatedBy = (first('x-ms-exchange-generated-message-source') ?? '').toLowerCase();
  const forwardedByRule =
    generatedBy.startsWith('mailbox rules agent') ||
    (inboxRulesLoop !== undefined && !xarsTokens.some((t) => t === 'all' || t === 'oof')) ||
    headers.has('x-ms-exchange-forwardingloop');
  if (
    forwardedByRule &&
    !log.hasCategory('out-of-office') &&
    !log.hasCategory('auto-reply') &&
    !systemLocal
  ) {
    for (const e of log.list) {
      if (e.signal === 'auto-submitted' && e.category === 'auto-generated' && e.discounted === undefined) {
        e.discounted = 'Exchange stamps mail forwarded or redirected by an inbox rule';
      }
    }
  }

  // --- A null return path with nothing more specific: machine mail of some kind.
  const counted = log.counted();
  if (nullReturnPath && !counted.some((e) => e.automates)) {
    log.add('null-return-path-only', 'auto-generated', 'strong', {
      header: 'return-path',
      value: returnPath ?? '<>',
    });
  }

  // --- Verdict.
  const final = log.counted();
  const present = new Set<Category>();
  for (const e of final) if (e.category !== null) present.add(e.category);
  // `auto-generated` is the catch-all: a more specific machine category says more.
  if (SPECIFIC_MACHINE_CATEGORIES.some((c) => present.has(c))) present.delete('auto-generated');
  // DSNs and MDNs carry `Auto-Submitted: auto-replied` (RFC 3834 §3.1.7): the report category already says it.
  if (REPORT_CATEGORIES.some((c) => present.has(c))) present.delete('auto-reply');
  const categories = CATEGORIES.filter((c) => present.has(c));
  const sender = from;
  const allowlisted = isAllowlisted(sender, options.allowlist);
  const automated = !allowlisted && final.some((e) => e.automates);
  const suppressAutoReply =
    categories.length > 0 ||
    automated ||
    log.list.some((e) => e.suppress && e.signal !== 'auto-submitted-no');
  if (allowlisted)
    log.add('allowlist', null, 'strong', {
      header: 'from',
      value: sender?.address ?? '',
      automates: false,
      suppress: false,
    });

  const evidence: Evidence[] = log.list.map((e) => {
    const out: { -readonly [K in keyof Evidence]: Evidence[K] } = {
      signal: e.signal,
      category: e.category,
      strength: e.strength,
    };
    if (e.header !== undefined) out.header = e.header;
    if (e.value !== undefined) out.value = e.value;
    if (e.discounted !== undefined) out.discounted = e.discounted;
    return out;
  });
  return {
    categories,
    automated,
    ...(helpdesk !== undefined ? { helpdesk } : {}),
    suppressAutoReply,
    allowlisted,
    evidence,
    ...(report !== undefined ? { report } : {}),
    truncated,
  };
}
