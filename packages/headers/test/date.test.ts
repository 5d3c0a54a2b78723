import { messageDate, parseDate, parseHeaders } from '@mailroom/headers';
import { describe, expect, it } from 'vitest';

const iso = (value: string): string | null => {
  const ms = parseDate(value);
  return ms === null ? null : new Date(ms).toISOString();
};

describe('parseDate', () => {
  it('reads RFC 5322 date-times with numeric zones', () => {
    expect(parseDate('Tue, 1 Jul 2003 10:52:37 +0200')).toBe(Date.UTC(2003, 6, 1, 8, 52, 37));
    expect(iso('Thu, 13 Feb 1969 23:32:54 -0330')).toBe('1969-02-14T03:02:54.000Z');
    expect(iso('Tue, 01 Jul 2003 10:52:37 -0000')).toBe('2003-07-01T10:52:37.000Z');
  });

  it('reads the optional parts: no weekday, no seconds, a trailing comment', () => {
    expect(iso('1 Jul 2003 10:52 +0000')).toBe('2003-07-01T10:52:00.000Z');
    expect(iso('Tue, 1 Jul 2003 10:52:37 +0200 (CEST)')).toBe('2003-07-01T08:52:37.000Z');
  });

  it('reads two-digit years as RFC 5322 §4.3 says: 00-49 → 20xx, 50-99 → 19xx; three digits add 1900', () => {
    expect(iso('Fri, 21 Nov 97 09:55:06 GMT')).toBe('1997-11-21T09:55:06.000Z');
    expect(iso('1 Jul 03 10:52:00 +0000')).toBe('2003-07-01T10:52:00.000Z');
    expect(iso('1 Jul 49 10:00:00 +0000')).toBe('2049-07-01T10:00:00.000Z');
    expect(iso('1 Jul 50 10:00:00 +0000')).toBe('1950-07-01T10:00:00.000Z');
    expect(iso('1 Jul 103 10:00:00 +0000')).toBe('2003-07-01T10:00:00.000Z');
  });

  it('reads the obsolete zone names (RFC 5322 §4.3)', () => {
    expect(iso('1 Jul 2003 10:52:00 EST')).toBe('2003-07-01T15:52:00.000Z');
    expect(iso('21 Nov 1997 09:55:06 PDT')).toBe('1997-11-21T16:55:06.000Z');
    expect(iso('1 Jul 2003 10:52:37 UT')).toBe('2003-07-01T10:52:37.000Z');
    expect(iso('1 Jul 2003 10:52:37 Z')).toBe('2003-07-01T10:52:37.000Z');
    // Military letters other than Z were defined wrongly in RFC 822: read as -0000, i.e. UTC.
    expect(iso('1 Jul 2003 10:52:37 A')).toBe('2003-07-01T10:52:37.000Z');
  });

  it('regression: reads a zero-padded three-digit day before the month (was null)', () => {
    // Seen in the sisimai corpus (lhost-googlegroups-14.eml, Date and Received); mailparser reads it as the 29th.
    expect(iso('Tue, 029 Apr 2019 23:34:45 -0800 (PST)')).toBe('2019-04-30T07:34:45.000Z');
    // A three-digit year after the month is still a year.
    expect(iso('1 Jul 103 10:00:00 +0000')).toBe('2003-07-01T10:00:00.000Z');
  });

  it('reads the asctime order some MTAs write', () => {
    expect(iso('Mon Jan  2 15:04:05 2006')).toBe('2006-01-02T15:04:05.000Z');
  });

  it('clamps a leap second and rejects impossible values', () => {
    expect(iso('Sat, 31 Dec 2016 23:59:60 +0000')).toBe('2016-12-31T23:59:59.000Z');
    for (const bad of [
      'not a date',
      '',
      '32 Jan 2020 10:00:00 +0000',
      'Tue, 1 Jul 2003 25:52:37 +0200',
      '1 Jul 2003',
      'x'.repeat(300),
    ]) {
      expect(parseDate(bad), bad).toBeNull();
    }
  });

  it('messageDate reads the Date field, null when absent or unreadable', () => {
    expect(messageDate(parseHeaders('Date: Tue, 1 Jul 2003 10:52:37 +0200\r\n\r\n'))).toBe(1057049557000);
    expect(messageDate(parseHeaders('Subject: x\r\n\r\n'))).toBeNull();
    expect(messageDate(parseHeaders('Date: someday\r\n\r\n'))).toBeNull();
  });
});
