import { contentType, parseContentType, parseHeaders } from '@mailroom/headers';
import { describe, expect, it } from 'vitest';

const params = (value: string | undefined) => Object.fromEntries(parseContentType(value).params);

describe('parseContentType', () => {
  it('lower-cases type and subtype and reads plain and quoted parameters', () => {
    const ct = parseContentType('Multipart/Report; report-type=delivery-status; boundary="----=_Part_1; x"');
    expect(ct).toMatchObject({ type: 'multipart', subtype: 'report', mediaType: 'multipart/report' });
    expect(Object.fromEntries(ct.params)).toEqual({
      'report-type': 'delivery-status',
      boundary: '----=_Part_1; x',
    });
  });

  it('lower-cases parameter names, keeps values, and keeps the first of a repeated parameter', () => {
    expect(params('TEXT/HTML; CHARSET="ISO-8859-1"; charset=x')).toEqual({ charset: 'ISO-8859-1' });
    expect(params('text/plain; name="a \\"quoted\\" name.txt"')).toEqual({ name: 'a "quoted" name.txt' });
  });

  it('defaults to text/plain when absent or unreadable (RFC 2045 §5.2)', () => {
    for (const v of [undefined, '', 'garbage', 'text/', '/plain', 'te xt/plain']) {
      expect(parseContentType(v).mediaType, String(v)).toBe('text/plain');
    }
    expect(contentType(parseHeaders('Subject: x\r\n\r\n')).mediaType).toBe('text/plain');
  });

  describe('RFC 2231', () => {
    it('decodes an extended value with charset and language', () => {
      expect(params("application/x-stuff; title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A")).toEqual({
        title: 'This is ***fun***',
      });
      expect(params("text/plain; name*=UTF-8''%E2%82%AC%20rates.pdf")).toEqual({ name: '€ rates.pdf' });
      expect(params("text/plain; name*=iso-8859-1''caf%E9.txt")).toEqual({ name: 'café.txt' });
    });

    it('joins continuations in index order, mixing encoded and plain sections', () => {
      expect(
        params(
          'message/external-body; access-type=URL; URL*0="ftp://"; URL*1="cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar"',
        ),
      ).toEqual({ 'access-type': 'URL', url: 'ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar' });
      expect(
        params(
          "application/x-stuff; title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*0*=us-ascii'en'This%20is%20even%20more%20; title*2=\"isn't it!\"",
        ),
      ).toEqual({ title: "This is even more ***fun*** isn't it!" });
    });

    it('survives an unknown charset', () => {
      expect(() => parseContentType("text/plain; name*=x-unknown''a%20b")).not.toThrow();
      expect(params("text/plain; name*=x-unknown''a%20b")).toEqual({ name: 'a b' });
    });
  });

  it('reads at most 64 parameters', () => {
    const many = `text/plain; ${Array.from({ length: 200 }, (_, i) => `p${i}=${i}`).join('; ')}`;
    expect(parseContentType(many).params.size).toBe(64);
  });
});
