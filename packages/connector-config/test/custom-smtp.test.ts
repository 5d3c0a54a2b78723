import { validateCustomSmtp } from '@mailroom/connector-config';
import { describe, expect, it } from 'vitest';
import { citedAt, customSmtp, variant } from './support/configs.js';

describe('validateCustomSmtp', () => {
  it('accepts the realistic base configuration with no problem at all', () => {
    expect(validateCustomSmtp(customSmtp).problems).toEqual([]);
  });

  it('CSMTP-1: a successful test send, and port/TLS pairs that work', () => {
    const failed = variant(customSmtp, (c) => (c.testSend = 'failed'));
    expect(citedAt(validateCustomSmtp(failed), 'CSMTP-1')).toEqual(['$.testSend:error']);
    const notRun = variant(customSmtp, (c) => delete c.testSend);
    expect(citedAt(validateCustomSmtp(notRun), 'CSMTP-1')).toEqual(['$.testSend:warning']);
    const smtps = variant(customSmtp, (c) => {
      c.provider = 'other';
      c.host = 'mail.tailspintoys.com';
      c.port = 465;
      c.tls = 'implicit';
    });
    expect(validateCustomSmtp(smtps).problems).toEqual([]);
    const mismatch = variant(smtps, (c) => (c.tls = 'starttls'));
    expect(citedAt(validateCustomSmtp(mismatch), 'CSMTP-1')).toEqual(['$.tls:error']);
    const plainPublic = variant(smtps, (c) => {
      c.port = 25;
      c.tls = 'none';
    });
    expect(citedAt(validateCustomSmtp(plainPublic), 'CSMTP-1')).toEqual(['$.tls:error']);
    const plainPrivate = variant(plainPublic, (c) => (c.host = '10.20.0.25'));
    expect(citedAt(validateCustomSmtp(plainPrivate), 'CSMTP-1')).toEqual(['$.tls:warning']);
    const missingHost = variant(customSmtp, (c) => delete c.host);
    expect(citedAt(validateCustomSmtp(missingHost), 'CSMTP-1')).toEqual(['$.host:error']);
  });

  it('CSMTP-2: an SMTP mailbox other than the support address needs Send As', () => {
    const relay = variant(customSmtp, (c) => (c.username = 'smtp-relay@tailspintoys.com'));
    expect(citedAt(validateCustomSmtp(relay), 'CSMTP-2')).toEqual(['$.sendAsGranted:error']);
    const granted = variant(relay, (c) => (c.sendAsGranted = true));
    expect(citedAt(validateCustomSmtp(granted), 'CSMTP-2')).toEqual([]);
    const explicitMailbox = variant(customSmtp, (c) => {
      c.provider = 'other';
      c.host = 'mail.tailspintoys.com';
      c.username = 'TAILSPIN\\svc-relay';
      c.mailbox = 'svc-relay@tailspintoys.com';
    });
    expect(citedAt(validateCustomSmtp(explicitMailbox), 'CSMTP-2')).toEqual(['$.sendAsGranted:error']);
  });

  it("CSMTP-3: the helpdesk's /16 networks, or every network of the narrower list, must be allowlisted", () => {
    const narrow = variant(customSmtp, (c) => {
      c.allowlistedNetworks = [
        '52.157.175.0/24',
        '40.113.216.0/24',
        '40.113.221.0/24',
        '40.113.222.0/24',
        '54.240.3.0/24',
        '51.144.126.0/24',
        '40.122.130.0/24',
        '54.240.106.94',
        '54.240.106.95',
      ];
    });
    expect(citedAt(validateCustomSmtp(narrow), 'CSMTP-3')).toEqual([]);
    const incomplete = variant(narrow, (c) => c.allowlistedNetworks.pop());
    expect(citedAt(validateCustomSmtp(incomplete), 'CSMTP-3')).toEqual(['$.allowlistedNetworks:warning']);
    expect(validateCustomSmtp(incomplete).problems[0]?.message).toContain('54.240.106.95');
    const typo = variant(customSmtp, (c) => c.allowlistedNetworks.push('52.157.0.0/33', 'office365'));
    expect(citedAt(validateCustomSmtp(typo), 'CSMTP-3')).toEqual([
      '$.allowlistedNetworks[2]:error',
      '$.allowlistedNetworks[3]:error',
    ]);
    const ownList = { sendingNetworks: { wide: ['198.51.100.0/24'], narrow: ['198.51.100.25'] } };
    expect(citedAt(validateCustomSmtp(customSmtp, ownList), 'CSMTP-3')).toEqual([
      '$.allowlistedNetworks:warning',
    ]);
    const malformed = { sendingNetworks: { wide: 'all' } } as unknown as Parameters<
      typeof validateCustomSmtp
    >[1];
    expect(citedAt(validateCustomSmtp(customSmtp, malformed), 'CSMTP-3')).toEqual([]);
    const everyone = variant(customSmtp, (c) => c.allowlistedNetworks.push('0.0.0.0/0'));
    expect(citedAt(validateCustomSmtp(everyone), 'CSMTP-3')).toEqual(['$.allowlistedNetworks[2]:warning']);
  });

  it('CSMTP-4: white-labelling does not cover reports and invoices', () => {
    expect(citedAt(validateCustomSmtp(customSmtp), 'CSMTP-4')).toEqual([]);
    const reports = variant(customSmtp, (c) => (c.whiteLabel.reportsAndInvoices = true));
    expect(citedAt(validateCustomSmtp(reports), 'CSMTP-4')).toEqual([
      '$.whiteLabel.reportsAndInvoices:warning',
    ]);
  });

  it('OUT-4: the default no-reply address cannot be sent through a customer server', () => {
    const noreply = variant(customSmtp, (c) => {
      c.supportAddress = 'noreply@atera.com';
      c.username = 'noreply@atera.com';
    });
    expect(citedAt(validateCustomSmtp(noreply), 'OUT-4')).toEqual(['$.supportAddress:error']);
  });

  it('SMTP-14 and SMTP-15 apply to Microsoft 365 custom SMTP too', () => {
    const wrong = variant(customSmtp, (c) => {
      c.host = 'smtp.office365.com';
      c.port = 465;
      c.tls = 'implicit';
      c.username = 'support';
      c.smtpAuthEnabled = false;
      c.mailbox = 'support@tailspintoys.com';
    });
    expect(citedAt(validateCustomSmtp(wrong), 'SMTP-14')).toEqual([
      '$.port:error',
      '$.smtpAuthEnabled:error',
    ]);
    expect(citedAt(validateCustomSmtp(wrong), 'SMTP-15')).toEqual(['$.username:error']);
  });

  it("LOOP-4: the support address cannot be a user's address", () => {
    const r = validateCustomSmtp(customSmtp, { userAddresses: ['support@tailspintoys.com'] });
    expect(citedAt(r, 'LOOP-4')).toEqual(['$.supportAddress:error']);
  });
});
