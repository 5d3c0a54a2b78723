import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type HeaderList, parseHeaders } from '@mailroom/headers';
import { simpleParser } from 'mailparser';

export const fixturesDir: string = fileURLToPath(new URL('./fixtures/', import.meta.url));

export interface LoadedMessage {
  readonly headers: HeaderList;
  /** The decoded text part (what a consumer passes as `bodyText`), via mailparser. */
  readonly bodyText: string;
  readonly raw: Buffer;
}

/** Reads a fixture: headers through @mailroom/headers, the text part through mailparser. */
export async function loadFixture(relative: string): Promise<LoadedMessage> {
  const raw = readFileSync(new URL(relative, `file://${fixturesDir}`));
  const parsed = await simpleParser(raw, { skipHtmlToText: false });
  return { headers: parseHeaders(new Uint8Array(raw)), bodyText: parsed.text ?? '', raw };
}

/** The helpdesk used by the fixtures: Acme's support address, forwarded from Acme's domain to the helpdesk. */
export const ACME = {
  supportAddresses: [{ address: 'support@acme.example', aliases: ['acme@helpdesk.example'] }],
  systemAddresses: ['*@*.helpdesk.example', 'noreply@helpdesk.example'],
  agentAddresses: ['*@acme.example'],
  partnerAddresses: ['support@partner-desk.example'],
} as const;
