import { diagnoseSmtpReply, SMTP_REPLY_PATTERNS } from '@mailroom/connector-config';
import { describe, expect, it } from 'vitest';

// Replies and NDR texts as Microsoft 365, Google and Postfix write them.
const cases: readonly [string, string, string][] = [
  [
    'FWD-2',
    'm365-external-forwarding-blocked',
    "Remote Server returned '550 5.7.520 Access denied, Your organization does not allow external forwarding. Please contact your administrator for further assistance. AS(7555)'",
  ],
  [
    'SMTP-14',
    'm365-smtp-auth-disabled',
    '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [DB8PR09CA0012.eurprd09.prod.outlook.com]',
  ],
  [
    'SMTP-14',
    'm365-client-not-authenticated',
    '530 5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM [AM6P192CA0071.EURP192.PROD.OUTLOOK.COM]',
  ],
  [
    'FWD-2',
    'm365-traffic-not-accepted',
    '550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(7230)',
  ],
  [
    'SMTP-12',
    'greylisting',
    '450 4.7.1 <help@fabrikam.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/fabrikam.com.html',
  ],
  [
    'SMTP-12',
    'greylisting',
    '421 4.7.0 Try again later, closing connection. (EHLO) d9443c01a7336-2b0e1a3sm1243845ad.12 - gsmtp',
  ],
  [
    'SMTP-8',
    'unknown-recipient',
    "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. 41be03b00d2f7-5b8d6b3c0si123456a.12 - gsmtp",
  ],
  [
    'SMTP-8',
    'unknown-recipient',
    '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient support@contoso.com not found by SMTP address lookup',
  ],
  ['CSMTP-3', 'relay-denied', '554 5.7.1 <customer@example.net>: Relay access denied'],
  ['CSMTP-3', 'relay-denied', '550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain'],
  [
    'SMTP-1',
    'tls-required',
    '530 5.7.0 Must issue a STARTTLS command first. d2e1a72fcca58-6f4c1d2sm112233pfb.10 - gsmtp',
  ],
  ['SMTP-8', 'auth-failed', '535 5.7.3 Authentication unsuccessful [LO4P123CA0456.GBRP123.PROD.OUTLOOK.COM]'],
  [
    'SMTP-8',
    'gmail-bad-credentials',
    '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials a640c23a62f3a-a9a0c1sm1234567ejb.12 - gsmtp',
  ],
  [
    'CSMTP-2',
    'send-as-denied',
    '554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message.',
  ],
  ['CSMTP-2', 'send-as-denied', '550 5.7.60 SMTP; Client does not have permissions to send as this sender'],
  [
    'SMTP-6',
    'auth-mechanism-unsupported',
    '504 5.7.4 Unrecognized authentication type [BN9PR03CA0123.namprd03.prod.outlook.com]',
  ],
  [
    'GMAIL-5',
    'gmail-sending-limit',
    '550 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852 - gsmtp',
  ],
  [
    'AUTH-1',
    'dmarc-rejected',
    "550 5.7.26 Unauthenticated email from contoso.com is not accepted due to domain's DMARC policy. Please contact the administrator of contoso.com domain. - gsmtp",
  ],
  [
    'FWD-3',
    'hop-count-exceeded',
    '554 5.4.14 Hop count exceeded - possible mail loop ATTR34 [SN1NAM02FT0012.eop-nam02.prod.protection.outlook.com]',
  ],
];

describe('diagnoseSmtpReply', () => {
  it.each(cases)('%s: recognises %s', (rule, id, text) => {
    const d = diagnoseSmtpReply(text);
    expect(d.matches[0]).toMatchObject({ id, rule });
    expect(d.matches[0]?.fix.length).toBeGreaterThan(20);
  });

  it('AUTH-1: a DMARC or SPF rejection of relayed mail points at signing with the customer domain', () => {
    const dmarc = diagnoseSmtpReply(cases.find(([, id]) => id === 'dmarc-rejected')![2]);
    expect(dmarc.matches[0]).toMatchObject({ rule: 'AUTH-1', id: 'dmarc-rejected' });
    expect(dmarc.matches[0]?.fix).toContain('DKIM');
    const spf = diagnoseSmtpReply(
      '550 5.7.23 The message was rejected because of Sender Policy Framework violation',
    );
    expect(spf.matches[0]).toMatchObject({ rule: 'AUTH-1', id: 'spf-failed' });
  });

  it('FWD-2: extracts codes and permanence from a pasted NDR', () => {
    const d = diagnoseSmtpReply(cases[0]![2]);
    expect(d).toMatchObject({ replyCode: 550, enhancedCode: '5.7.520', temporary: false });
    expect(diagnoseSmtpReply('451 4.7.1 Please try again later').temporary).toBe(true);
  });

  it('SMTP-12: IP addresses and version numbers are not mistaken for status codes', () => {
    const d = diagnoseSmtpReply('Connection to 52.157.4.7 refused (Postfix 3.4.13)');
    expect(d).toMatchObject({ replyCode: null, enhancedCode: null, temporary: null, matches: [] });
  });

  it('recognises nothing in ordinary text and never throws on non-strings', () => {
    expect(diagnoseSmtpReply('250 2.0.0 OK  1712345678 x12-20020a170902').matches).toEqual([]);
    expect(diagnoseSmtpReply(undefined as unknown as string).matches).toEqual([]);
  });

  it('every pattern has at least one signal and a rule', () => {
    for (const p of SMTP_REPLY_PATTERNS) {
      expect(p.when.length).toBeGreaterThan(0);
      expect(p.rule).toMatch(/^[A-Z]+-\d+$/);
    }
  });
});
