import { classifyMessage } from '@mailroom/header-classifier';
import { describe, expect, it } from 'vitest';

// Generous bounds: the point is "bounded", not a benchmark (figures are reported in docs/performance.md).
const BOUND_MS = 2000;

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

describe('bounded time on hostile input', () => {
  it('a 1 MB header value classifies in bounded time', () => {
    const huge = `From: a@x.example\r\nSubject: Automatic reply: ${'=?UTF-8?B?'.repeat(1) + 'A'.repeat(1024 * 1024)}\r\nX-Auto-Response-Suppress: ${'All,'.repeat(250_000)}\r\n\r\nbody`;
    let categories: readonly string[] = [];
    const ms = time(() => {
      categories = classifyMessage(huge).categories;
    });
    console.log(`1 MB header value: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(categories).toEqual(['out-of-office']);
  });

  it('a 10,000-field header block classifies in bounded time', () => {
    const fields: string[] = ['From: a@x.example'];
    for (let i = 0; i < 10_000; i++)
      fields.push(
        i % 2 === 0
          ? `X-Custom-${i}: value ${i}`
          : `Received: from h${i}.example by mx.example; Tue, 4 Mar 2025 10:00:00 +0000`,
      );
    const raw = `${fields.join('\r\n')}\r\n\r\nbody`;
    const ms = time(() => classifyMessage(raw));
    console.log(`10,000-field block: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('10,000 repeated Auto-Submitted and Precedence fields stay bounded and still decide', () => {
    const raw = `From: a@x.example\r\n${'Auto-Submitted: no\r\nPrecedence: bulk\r\n'.repeat(5_000)}\r\nbody`;
    let automated = true;
    const ms = time(() => {
      automated = classifyMessage(raw).automated;
    });
    console.log(`10,000 repeated fields: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(automated).toBe(false);
  });

  it('a deeply nested and part-heavy multipart body is walked within its limits', () => {
    let body = '';
    for (let depth = 0; depth < 50; depth++)
      body += `--b${depth}\r\nContent-Type: multipart/mixed; boundary="b${depth + 1}"\r\n\r\n`;
    body += `${'--b50\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(20_000)}`;
    const raw = `From: MAILER-DAEMON@x.example\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b0"\r\n\r\n${body}`;
    let truncated = false;
    const ms = time(() => {
      truncated = classifyMessage(raw).truncated;
    });
    console.log(`nested multipart: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(truncated).toBe(true);
  });

  it('many unclosed angle brackets and encoded-word openers do not rescan the input', () => {
    const raw = `From: ${'<'.repeat(100_000)}\r\nSubject: ${'=?x?B?'.repeat(100_000)}\r\nContent-Type: text/html\r\n\r\n${'<'.repeat(1_000_000)}`;
    const ms = time(() => classifyMessage(raw));
    console.log(`unclosed brackets: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(BOUND_MS);
  });
});
