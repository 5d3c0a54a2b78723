import { parseHeaders, parseReceived, receivedChain } from '@mailroom/headers';
import { describe, expect, it } from 'vitest';

describe('parseReceived', () => {
  it('reads the clauses, the IP from the from-comment and the time stamp of a Postfix hop', () => {
    const value =
      'from mx.example.net (mx.example.net [192.0.2.7]) by mail.example.com (Postfix) with ESMTPS id 4ZkAbC for <ann@example.com>; Tue, 1 Jul 2003 10:52:37 +0200';
    expect(parseReceived(value)).toEqual({
      from: 'mx.example.net',
      fromIp: '192.0.2.7',
      by: 'mail.example.com',
      via: null,
      with: 'ESMTPS',
      id: '4ZkAbC',
      for: 'ann@example.com',
      timestamp: Date.UTC(2003, 6, 1, 8, 52, 37),
      raw: value,
    });
  });

  it('reads a Gmail internal hop without from, with a zone comment after the date', () => {
    const hop = parseReceived(
      'by 2002:a05:6a10:a48d with SMTP id x13csp123; Mon, 3 Feb 2025 01:02:03 -0800 (PST)',
    );
    expect(hop).toMatchObject({ from: null, by: '2002:a05:6a10:a48d', with: 'SMTP', id: 'x13csp123' });
    expect(hop.timestamp).toBe(Date.UTC(2025, 1, 3, 9, 2, 3));
  });

  it('reads IPv6 addresses in the from-comment and nested comments', () => {
    expect(
      parseReceived(
        'from [IPv6:2001:db8::1] (unknown [IPv6:2001:db8::1]) by mx; Tue, 1 Jul 2003 10:52:37 +0200',
      ).fromIp,
    ).toBe('2001:db8::1');
    expect(parseReceived('from a (b (c [192.0.2.1]) d) by e via f with g id h for i')).toMatchObject({
      from: 'a',
      fromIp: '192.0.2.1',
      by: 'e',
      via: 'f',
      with: 'g',
      id: 'h',
      for: 'i',
      timestamp: null,
    });
  });

  it('gives nulls, not exceptions, for junk', () => {
    expect(parseReceived('garbage')).toMatchObject({ from: null, by: null, timestamp: null, raw: 'garbage' });
    expect(() => parseReceived('(((((; ;;; from (')).not.toThrow();
  });
});

describe('receivedChain', () => {
  it('lists the hops newest first (header order), unfolded', () => {
    const list = parseHeaders(
      [
        'Received: from mail.example.de (mail.example.de [192.0.2.25])',
        '\tby mx1.example.com (Postfix) with ESMTPS id 4Y7k',
        '\tfor <support@example.com>; Mon, 17 Mar 2025 09:14:03 +0000 (UTC)',
        'Received: from [10.0.0.12] (unknown [91.12.30.47])',
        '\tby mail.example.de (Postfix) with ESMTPSA id 4Y7j;',
        '\tMon, 17 Mar 2025 10:14:01 +0100 (CET)',
        '',
        '',
      ].join('\r\n'),
    );
    const hops = receivedChain(list);
    expect(hops.map((h) => [h.from, h.fromIp, h.by, h.with, h.id, h.for])).toEqual([
      ['mail.example.de', '192.0.2.25', 'mx1.example.com', 'ESMTPS', '4Y7k', 'support@example.com'],
      ['[10.0.0.12]', '91.12.30.47', 'mail.example.de', 'ESMTPSA', '4Y7j', null],
    ]);
    expect(hops.map((h) => h.timestamp)).toEqual([
      Date.UTC(2025, 2, 17, 9, 14, 3),
      Date.UTC(2025, 2, 17, 9, 14, 1),
    ]);
  });

  it('keeps at most 100 hops', () => {
    const raw = `${Array.from({ length: 150 }, (_, i) => `Received: by h${i}; Tue, 1 Jul 2003 10:52:37 +0200`).join('\r\n')}\r\n\r\n`;
    expect(receivedChain(parseHeaders(raw))).toHaveLength(100);
  });
});
