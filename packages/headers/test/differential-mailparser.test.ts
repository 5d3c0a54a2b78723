import {
  addresses,
  decodeEncodedWords,
  fromParsedMail,
  type HeaderList,
  messageId,
  parseHeaders,
} from '@mailroom/headers';
import { describeCorpus, readCorpusMessages } from '@mailroom/test-support';
import { type AddressObject, simpleParser } from 'mailparser';
import { expect, it } from 'vitest';

type Field = 'subject' | 'messageId' | 'from' | 'to' | 'cc' | 'replyTo';

const collapse = (s: string | undefined | null): string => (s ?? '').replace(/\s+/g, ' ').trim();

interface Mb {
  readonly address: string;
  readonly name: string;
}

const showList = (list: readonly Mb[]): string =>
  list.map((m) => `${m.address.toLowerCase()}|${collapse(m.name)}`).join(', ');

function ours(headers: HeaderList): Record<Field, string> {
  const subject = headers.get('subject');
  return {
    subject: collapse(subject === undefined ? '' : decodeEncodedWords(subject)),
    messageId: messageId(headers) ?? '',
    from: showList(addresses(headers, 'from')),
    to: showList(addresses(headers, 'to')),
    cc: showList(addresses(headers, 'cc')),
    replyTo: showList(addresses(headers, 'reply-to')),
  };
}

function theirList(value: AddressObject | AddressObject[] | undefined): Mb[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects
    .flatMap((o) => o.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .map((a) => ({ address: a.address ?? '', name: a.name ?? '' }));
}

/**
 * Why ours differs from mailparser, where we know it and hold ours to be right; `null` when unexplained.
 * Each reason is a rule about the input, checked against the raw header, not a list of file names.
 */
function explain(field: Field, mine: string, theirs: string, headers: HeaderList): string | null {
  if (field === 'messageId' && headers.getAll('message-id').length > 1) {
    return 'the message has several Message-ID fields; HeaderList.get takes the first for every field (as RFC 5322 readers such as Python email do), mailparser keeps the last';
  }
  if (field === 'from' || field === 'to' || field === 'cc' || field === 'replyTo') {
    // A bare word with no @ (`From: MAILER-DAEMON`, `To: postmaster`) is an RFC 822 local address; mailparser
    // files it as a display name with no address. Keeping it as the address lets the classifier see
    // MAILER-DAEMON/postmaster; addressKey still rejects it (no domain).
    const mineParts = mine.split(', ');
    const theirParts = theirs.split(', ');
    const sameShape =
      mineParts.length === theirParts.length &&
      mineParts.every((m, i) => {
        const [ma, mn] = m.split('|');
        const [ta, tn] = (theirParts[i] ?? '').split('|');
        return (
          m === theirParts[i] || (ta === '' && mn === '' && !ma?.includes('@') && ma === tn?.toLowerCase())
        );
      });
    if (sameShape) return 'a bare local part without @ is kept as the address, not as a display name';
  }
  return null;
}

describeCorpus(
  'sisimai',
  'differential: parseHeaders + accessors against mailparser simpleParser (sisimai corpus)',
  () => {
    it('agrees on decoded Subject, From, To, Cc, Reply-To and Message-ID, or explains why ours is right', async () => {
      const unexplained: string[] = [];
      const explained: string[] = [];
      const messages = readCorpusMessages('sisimai');
      expect(messages.length).toBeGreaterThan(500);
      for (const [file, bytes] of messages) {
        const headers = parseHeaders(bytes);
        const parsed = await simpleParser(Buffer.from(bytes));
        const mine = ours(headers);
        const theirs: Record<Field, string> = {
          subject: collapse(parsed.subject),
          messageId: (parsed.messageId ?? '').replace(/^<|>$/g, ''),
          from: showList(theirList(parsed.from)),
          to: showList(theirList(parsed.to)),
          cc: showList(theirList(parsed.cc)),
          replyTo: showList(theirList(parsed.replyTo)),
        };
        for (const field of Object.keys(mine) as Field[]) {
          if (mine[field] === theirs[field]) continue;
          const reason = explain(field, mine[field], theirs[field], headers);
          const line = `${file} ${field}: ours ${JSON.stringify(mine[field])}, mailparser ${JSON.stringify(theirs[field])}`;
          if (reason === null) unexplained.push(line);
          else explained.push(`${line} (${reason})`);
        }
      }
      console.log(
        `differential: ${messages.length} messages, ${explained.length} explained disagreements:\n${explained.join('\n')}`,
      );
      expect(unexplained).toEqual([]);
    }, 120_000);

    it('fromParsedMail gives the same fields as parseHeaders on the same bytes', async () => {
      const differing: string[] = [];
      for (const [file, bytes] of readCorpusMessages('sisimai')) {
        const direct = parseHeaders(bytes);
        const viaMailparser = fromParsedMail(await simpleParser(Buffer.from(bytes)));
        expect(viaMailparser.bodyOffset).toBeNull();
        if (JSON.stringify(viaMailparser.fields) !== JSON.stringify(direct.fields)) differing.push(file);
      }
      expect(differing).toEqual([]);
    }, 120_000);
  },
);
