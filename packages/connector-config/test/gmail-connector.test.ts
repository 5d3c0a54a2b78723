import { validateGmailConnector } from '@mailroom/connector-config';
import { describe, expect, it } from 'vitest';
import { citedAt, gmail, variant } from './support/configs.js';

describe('validateGmailConnector', () => {
  it('accepts the realistic base configuration with no problem at all', () => {
    expect(validateGmailConnector(gmail).problems).toEqual([]);
  });

  it('GMAIL-1: polling is once a minute and only unread messages are imported', () => {
    const faster = variant(gmail, (c) => (c.accounts[0].pollIntervalSeconds = 10));
    expect(citedAt(validateGmailConnector(faster), 'GMAIL-1')).toEqual([
      '$.accounts[0].pollIntervalSeconds:warning',
    ]);
    const slower = variant(gmail, (c) => (c.accounts[0].pollIntervalSeconds = 300));
    expect(citedAt(validateGmailConnector(slower), 'GMAIL-1')).toEqual([]);
    const all = variant(gmail, (c) => (c.accounts[0].importOnly = 'all'));
    expect(citedAt(validateGmailConnector(all), 'GMAIL-1')).toEqual(['$.accounts[0].importOnly:error']);
  });

  it('GMAIL-2: the initial import takes at most the 50 most recent messages, with triggers suppressed', () => {
    const fifty = variant(gmail, (c) => (c.accounts[0].initialImportCount = 50));
    expect(citedAt(validateGmailConnector(fifty), 'GMAIL-2')).toEqual([]);
    const more = variant(gmail, (c) => (c.accounts[0].initialImportCount = 200));
    expect(citedAt(validateGmailConnector(more), 'GMAIL-2')).toEqual([
      '$.accounts[0].initialImportCount:error',
    ]);
    const triggers = variant(gmail, (c) => (c.accounts[0].suppressTriggersOnInitialImport = false));
    expect(citedAt(validateGmailConnector(triggers), 'GMAIL-2')).toEqual([
      '$.accounts[0].suppressTriggersOnInitialImport:warning',
    ]);
  });

  it('GMAIL-3: an account connected twice would import every message twice', () => {
    expect(citedAt(validateGmailConnector(gmail), 'GMAIL-3')).toEqual([]);
    const twice = variant(gmail, (c) =>
      c.accounts.push({ address: 'Support@Northwind-Traders.com', accountType: 'google-workspace' }),
    );
    expect(citedAt(validateGmailConnector(twice), 'GMAIL-3')).toEqual(['$.accounts[2].address:error']);
  });

  it('GMAIL-4: the account type must match the address (gmail.com is consumer Gmail)', () => {
    expect(citedAt(validateGmailConnector(gmail), 'GMAIL-4')).toEqual([]);
    const workspaceOnGmail = variant(gmail, (c) => (c.accounts[1].accountType = 'google-workspace'));
    expect(citedAt(validateGmailConnector(workspaceOnGmail), 'GMAIL-4')).toEqual([
      '$.accounts[1].accountType:error',
    ]);
    const gmailOnOwnDomain = variant(gmail, (c) => (c.accounts[0].accountType = 'gmail'));
    expect(citedAt(validateGmailConnector(gmailOnOwnDomain), 'GMAIL-4')).toEqual([
      '$.accounts[0].accountType:error',
    ]);
    expect(citedAt(validateGmailConnector({ kind: 'gmail-connector', accounts: [] }), 'GMAIL-4')).toEqual([
      '$.accounts:error',
    ]);
  });

  it('GMAIL-5: 500/day for Gmail and 2,000/day for Google Workspace when sending through Gmail', () => {
    expect(citedAt(validateGmailConnector(gmail), 'GMAIL-5')).toEqual([]);
    const nearWorkspace = variant(gmail, (c) => (c.accounts[0].expectedDailyNotifications = 1700));
    expect(citedAt(validateGmailConnector(nearWorkspace), 'GMAIL-5')).toEqual([
      '$.accounts[0].expectedDailyNotifications:warning',
    ]);
    const busyGmail = variant(gmail, (c) => {
      c.accounts[1].sendThroughGmail = true;
      c.accounts[1].expectedDailyNotifications = 650;
    });
    expect(citedAt(validateGmailConnector(busyGmail), 'GMAIL-5')).toEqual([
      '$.accounts[1].expectedDailyNotifications:warning',
    ]);
    expect(validateGmailConnector(busyGmail).problems[0]?.message).toContain('500');
    const notSending = variant(gmail, (c) => (c.accounts[1].expectedDailyNotifications = 650));
    expect(citedAt(validateGmailConnector(notSending), 'GMAIL-5')).toEqual([]);
  });

  it('GMAIL-6: real attachments are not possible when sending through Gmail', () => {
    const files = variant(gmail, (c) => (c.accounts[0].notificationAttachments = 'files'));
    expect(citedAt(validateGmailConnector(files), 'GMAIL-6')).toEqual([
      '$.accounts[0].notificationAttachments:warning',
    ]);
    const viaHelpdesk = variant(files, (c) => (c.accounts[0].sendThroughGmail = false));
    expect(citedAt(validateGmailConnector(viaHelpdesk), 'GMAIL-6')).toEqual([]);
  });

  it("LOOP-4: a Gmail account that is a user's address is refused", () => {
    const r = validateGmailConnector(gmail, { userAddresses: ['northwind.helpdesk@gmail.com'] });
    expect(citedAt(r, 'LOOP-4')).toEqual(['$.accounts[1].address:error']);
  });
});
