import { validateExchangeConnector } from '@mailroom/connector-config';
import { describe, expect, it } from 'vitest';
import { citedAt, exchange, variant } from './support/configs.js';

describe('validateExchangeConnector', () => {
  it('accepts the realistic base configuration with no problem at all', () => {
    expect(validateExchangeConnector(exchange).problems).toEqual([]);
  });

  it('EXCH-1: an on-premises Exchange Server is refused (declared, or given away by its EWS URL)', () => {
    const onPrem = variant(exchange, (c) => (c.deployment = 'exchange-server'));
    expect(citedAt(validateExchangeConnector(onPrem), 'EXCH-1')).toEqual(['$.deployment:error']);
    const ews = variant(exchange, (c) => (c.serverUrl = 'https://mail.contoso.com/EWS/Exchange.asmx'));
    expect(citedAt(validateExchangeConnector(ews), 'EXCH-1')).toEqual(['$.serverUrl:error']);
    const graph = variant(exchange, (c) => (c.serverUrl = 'https://graph.microsoft.com/v1.0'));
    expect(citedAt(validateExchangeConnector(graph), 'EXCH-1')).toEqual([]);
  });

  it('EXCH-2: only unread Inbox messages become tickets and notifications go out from the mailbox', () => {
    const folder = variant(exchange, (c) => {
      c.importFolder = 'Support Requests';
      c.importReadMessages = true;
    });
    expect(citedAt(validateExchangeConnector(folder), 'EXCH-2')).toEqual([
      '$.importFolder:warning',
      '$.importReadMessages:warning',
    ]);
    const sendFrom = variant(exchange, (c) => (c.sendFrom = 'noreply@contoso.com'));
    expect(citedAt(validateExchangeConnector(sendFrom), 'EXCH-2')).toEqual(['$.sendFrom:error']);
    const same = variant(exchange, (c) => (c.sendFrom = 'Helpdesk@Contoso.com'));
    expect(citedAt(validateExchangeConnector(same), 'EXCH-2')).toEqual([]);
  });

  it('EXCH-3: CCs and followers must be enabled', () => {
    expect(citedAt(validateExchangeConnector(exchange), 'EXCH-3')).toEqual([]);
    const off = variant(exchange, (c) => (c.ccsAndFollowersEnabled = false));
    expect(citedAt(validateExchangeConnector(off), 'EXCH-3')).toEqual(['$.ccsAndFollowersEnabled:error']);
    const missing = variant(exchange, (c) => delete c.ccsAndFollowersEnabled);
    expect(citedAt(validateExchangeConnector(missing), 'EXCH-3')).toEqual(['$.ccsAndFollowersEnabled:error']);
  });

  it('EXCH-4: headers must survive (OUT-2) and a system address cannot be the mailbox (OUT-4)', () => {
    expect(citedAt(validateExchangeConnector(exchange), 'EXCH-4')).toEqual([]);
    const strips = variant(exchange, (c) => (c.preservesHelpdeskHeaders = false));
    expect(citedAt(validateExchangeConnector(strips), 'EXCH-4')).toEqual([
      '$.preservesHelpdeskHeaders:error',
    ]);
    const system = variant(exchange, (c) => (c.mailbox = 'support@contoso.zendesk.com'));
    expect(citedAt(validateExchangeConnector(system), 'EXCH-4')).toEqual(['$.mailbox:error']);
  });

  it("LOOP-4: the mailbox cannot be a user's address", () => {
    expect(
      citedAt(validateExchangeConnector(exchange, { userAddresses: ['helpdesk@contoso.com'] }), 'LOOP-4'),
    ).toEqual(['$.mailbox:error']);
  });
});
