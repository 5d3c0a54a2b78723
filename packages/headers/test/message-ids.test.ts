import { inReplyTo, messageId, parseHeaders, parseMessageIds, references } from '@mailroom/headers';
import { describe, expect, it } from 'vitest';

describe('parseMessageIds', () => {
  it('returns bracketed ids without brackets, in order, across folding and commas', () => {
    expect(parseMessageIds('<a@example.com> <b@example.org>')).toEqual(['a@example.com', 'b@example.org']);
    expect(parseMessageIds('<a@x>,<b@y>\r\n <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
    expect(parseMessageIds('<CAF=abc+def/g_h@mail.gmail.com>')).toEqual(['CAF=abc+def/g_h@mail.gmail.com']);
  });

  it('ignores comments and phrases around bracketed ids (obsolete In-Reply-To forms)', () => {
    expect(parseMessageIds('<a@example.com> (Ann Smith\'s message of "Tue, 1 Jul 2003")')).toEqual([
      'a@example.com',
    ]);
    expect(parseMessageIds('Your message of Tue, 1 Jul 2003 <a@example.com>')).toEqual(['a@example.com']);
  });

  it('falls back to bare local@domain words when nothing is bracketed (broken clients)', () => {
    expect(parseMessageIds('a@example.com b@example.com')).toEqual(['a@example.com', 'b@example.com']);
    expect(parseMessageIds('no ids here')).toEqual([]);
    // A lone token without brackets is the id even without an @ (ARF generators write such ids).
    expect(parseMessageIds('000000-FFFFFF-22-ARF')).toEqual(['000000-FFFFFF-22-ARF']);
  });

  it('regression: an empty or broken bracketed id is no id (the lone-token fallback returned "<>")', () => {
    expect(parseMessageIds('<>')).toEqual([]);
    expect(parseMessageIds('<')).toEqual([]);
    expect(messageId(parseHeaders('Message-ID: <>\r\n\r\n'))).toBeNull();
  });

  it('regression (fast-check counterexample): a broken bracketed word among several is no id either', () => {
    // The bare-word fallback kept `ann@example.com<`, an "id" with a bracket in it that no message carries.
    expect(parseMessageIds('ann@example.com< id ')).toEqual([]);
    expect(parseMessageIds('<ann@example.com b@example.org')).toEqual(['b@example.org']);
  });

  it('stops at 500 ids', () => {
    const many = Array.from({ length: 800 }, (_, i) => `<id${i}@example.com>`).join(' ');
    expect(parseMessageIds(many)).toHaveLength(500);
  });
});

describe('messageId, inReplyTo, references', () => {
  const list = parseHeaders(
    [
      'Message-ID: <reply-2@example.com>',
      'In-Reply-To: <reply-1@example.com>',
      'References: <root@example.com>',
      ' <reply-1@example.com>',
      '',
      '',
    ].join('\r\n'),
  );

  it('reads the Message-ID without brackets', () => {
    expect(messageId(list)).toBe('reply-2@example.com');
    expect(messageId(parseHeaders('Subject: x\r\n\r\n'))).toBeNull();
    expect(messageId(parseHeaders('Message-ID:\r\n\r\n'))).toBeNull();
  });

  it('reads In-Reply-To and References, oldest first', () => {
    expect(inReplyTo(list)).toEqual(['reply-1@example.com']);
    expect(references(list)).toEqual(['root@example.com', 'reply-1@example.com']);
    expect(references(parseHeaders('Subject: x\r\n\r\n'))).toEqual([]);
  });

  it('reads every References field when a broken client writes several', () => {
    const twice = parseHeaders('References: <a@x>\r\nReferences: <b@x>\r\n\r\n');
    expect(references(twice)).toEqual(['a@x', 'b@x']);
  });
});
