import { createPolicy, type LoopPolicy } from '@mailroom/loop-detector';

export const markerKey: Uint8Array = new Uint8Array(32).map((_, i) => (i * 29 + 3) & 0xff);

export const policy: LoopPolicy = createPolicy({
  supportAddresses: [{ address: 'help@acme.example', aliases: ['support@acme-widgets.example'] }],
  systemAddresses: ['*@acme.helpdesk.example'],
  partnerAddresses: ['support@partner.example'],
  allowlist: ['@trusted-vendor.example'],
  markerKey,
});

export const NOW: number = Date.UTC(2026, 2, 10, 9, 0, 0);

/** A message as a mail client writes it (CRLF), with the given header lines first. */
export function mail(
  lines: readonly string[],
  body = 'Hello,\r\n\r\nmy printer stopped working after the update. Can you help?\r\n\r\nAnn',
): string {
  const names = new Set(lines.map((l) => l.slice(0, l.indexOf(':')).toLowerCase()));
  const defaults = [
    ['from', 'From: Ann Example <ann@example.com>'],
    ['to', 'To: Acme Support <help@acme.example>'],
    ['subject', 'Subject: Printer stopped working'],
    ['date', 'Date: Tue, 10 Mar 2026 09:00:00 +0000'],
    ['message-id', 'Message-ID: <CAF7x2b9Q@mail.gmail.com>'],
    ['mime-version', 'MIME-Version: 1.0'],
    ['content-type', 'Content-Type: text/plain; charset="UTF-8"'],
  ] as const;
  const all = [...lines, ...defaults.filter(([n]) => !names.has(n)).map(([, l]) => l)];
  return `${all.join('\r\n')}\r\n\r\n${body}`;
}
