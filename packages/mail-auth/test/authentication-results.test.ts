import { formatAuthComment, formatAuthValue, parseAuthenticationResults } from '@mailroom/mail-auth';
import { describe, expect, it } from 'vitest';

describe('parseAuthenticationResults (RFC 8601)', () => {
  it('reads a Gmail-style field: authserv-id, methods, properties; comments ignored', () => {
    const ar = parseAuthenticationResults(
      'mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=20230601 header.b=kP3oZ1bX;\r\n' +
        '       spf=pass (google.com: domain of bounces@example.com designates 192.0.2.10 as permitted sender) smtp.mailfrom=bounces@example.com;\r\n' +
        '       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com',
    );
    expect(ar.authservId).toBe('mx.google.com');
    expect(ar.results.map((r) => `${r.method}=${r.result}`)).toEqual(['dkim=pass', 'spf=pass', 'dmarc=pass']);
    expect(ar.results[2]?.properties).toEqual([{ ptype: 'header', property: 'from', value: 'example.com' }]);
    expect(ar.problems).toEqual([]);
  });

  it('reads a Microsoft-style field with a version, reason and quoted value', () => {
    const ar = parseAuthenticationResults(
      'spf.protection.outlook.com 1; spf=pass (sender IP is 40.107.22.52) smtp.mailfrom=example.com; dkim/1=pass reason="signature ok" header.d=example.com;dmarc=bestguesspass action=none header.from="example.com"',
    );
    expect(ar.authservId).toBe('spf.protection.outlook.com');
    expect(ar.results[1]).toMatchObject({ method: 'dkim', result: 'pass', reason: 'signature ok' });
    expect(ar.results[2]?.result).toBe('bestguesspass');
  });

  it('a field without authserv-id has none (trust fails closed)', () => {
    expect(parseAuthenticationResults('dmarc=pass header.from=example.com').authservId).toBe('');
    expect(parseAuthenticationResults('example.org; none').results).toEqual([]);
  });

  it('formats values and comments so a hostile string cannot break out of the field', () => {
    expect(formatAuthValue('bounces@example.com')).toBe('bounces@example.com');
    expect(formatAuthValue('a b"c\\')).toBe('"a b\\"c\\\\"');
    expect(formatAuthValue('x\r\nInjected: 1')).toBe('"xInjected: 1"');
    expect(formatAuthComment('p=REJECT (x) \\ \r\n')).toBe('(p=REJECT \\(x\\) \\\\   )');
  });
});
