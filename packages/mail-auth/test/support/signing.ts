// Test fixtures signed with mailauth's own signer at a fixed clock, so every scenario is a real DKIM/ARC
// signature over realistic mail. Keys are generated per test run (RSA/Ed25519 from node:crypto); the DNS
// zone publishing them is built alongside.
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import type { DnsZone, ZoneEntry } from '@mailroom/mail-auth';

const require = createRequire(import.meta.url);

interface SignatureData {
  signingDomain: string;
  selector: string;
  privateKey: string;
  algorithm?: string;
  canonicalization?: string;
  maxBodyLength?: number;
}
const { dkimSign } = require('mailauth/lib/dkim/sign') as {
  dkimSign: (
    input: Buffer,
    options: { signTime: Date; expires?: Date; canonicalization?: string; signatureData: SignatureData[] },
  ) => Promise<{ signatures: string; errors: unknown[] }>;
};
const { sealMessage } = require('mailauth/lib/arc') as {
  sealMessage: (
    input: Buffer,
    seal: {
      signingDomain: string;
      selector: string;
      privateKey: string;
      authResults: string;
      cv: string;
      signTime: Date;
    },
  ) => Promise<Buffer>;
};

/** The fixed clock: signatures are made at SIGN_TIME, verified at NOW. */
export const SIGN_TIME: Date = new Date('2026-03-02T09:15:00Z');
export const NOW: Date = new Date('2026-03-02T09:16:30Z');

export interface KeyPair {
  readonly privateKey: string;
  /** The p= value of the DKIM key record. */
  readonly p: string;
  readonly k: 'rsa' | 'ed25519';
}

export function rsaKey(bits = 2048): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKey, p: publicKey.replace(/-----[^-]+-----|\s/g, ''), k: 'rsa' };
}

export function ed25519Key(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  // RFC 8463: the record publishes the raw 32-byte key
  return { privateKey, p: Buffer.from(publicKey.subarray(-32)).toString('base64'), k: 'ed25519' };
}

export function keyRecord(key: KeyPair, extra = ''): ZoneEntry {
  return { TXT: [`v=DKIM1; k=${key.k}; ${extra}p=${key.p}`] };
}

/** DKIM-signs a message (CRLF text) and returns signature fields + message. */
export async function sign(
  message: string,
  signers: readonly (Omit<SignatureData, 'privateKey'> & { key: KeyPair })[],
  expires?: Date,
): Promise<Buffer> {
  const raw = Buffer.from(message);
  const out = await dkimSign(raw, {
    signTime: SIGN_TIME,
    ...(expires === undefined ? {} : { expires }),
    canonicalization: 'relaxed/relaxed',
    signatureData: signers.map(({ key, ...rest }) => ({ ...rest, privateKey: key.privateKey })),
  });
  if (out.errors.length > 0) throw new Error(`dkimSign failed: ${JSON.stringify(out.errors)}`);
  return Buffer.concat([Buffer.from(out.signatures), raw]);
}

/** Adds an ARC set (sealed by `domain`) to a message, as a forwarder does. */
export async function seal(
  message: Buffer,
  domain: string,
  key: KeyPair,
  authResults: string,
  cv: 'none' | 'pass' | 'fail' = 'none',
): Promise<Buffer> {
  const headers = await sealMessage(message, {
    signingDomain: domain,
    selector: 'arc2026',
    privateKey: key.privateKey,
    authResults,
    cv,
    signTime: SIGN_TIME,
  });
  if (headers.length === 0) throw new Error('sealMessage produced no ARC set');
  return Buffer.concat([headers, message]);
}

/** A customer's message as Thunderbird writes it, From alice@example.com. */
export function customerMessage(from = 'Alice Example <alice@example.com>', extraHeaders = ''): string {
  return (
    `From: ${from}\r\n` +
    'To: Example Support <support@helpdesk.example>\r\n' +
    'Subject: Invoice 2026-0117 charged twice\r\n' +
    'Date: Mon, 2 Mar 2026 10:14:51 +0100\r\n' +
    'Message-ID: <4c1f0e2a-9b1d-4d3e-a7a0-2f6c1b8e9d10@example.com>\r\n' +
    'MIME-Version: 1.0\r\n' +
    'Content-Type: text/plain; charset=UTF-8; format=flowed\r\n' +
    'Content-Transfer-Encoding: 7bit\r\n' +
    'User-Agent: Mozilla Thunderbird\r\n' +
    extraHeaders +
    '\r\n' +
    'Hello,\r\n\r\nmy card was charged twice for invoice 2026-0117. Could you refund one of them?\r\n\r\n' +
    'Thanks,\r\nAlice\r\n'
  );
}

export const zoneWith = (...parts: DnsZone[]): DnsZone => Object.assign({}, ...parts);
