import { validateSmtpConnector } from '@mailroom/connector-config';
import { describe, expect, it } from 'vitest';
import { citedAt, smtpBidirectional, smtpOutboundOnly, variant } from './support/configs.js';

const outboundAddress = (local: string, domain = 'contoso.com') => ({
  address: `${local}@${domain}`,
  outbound: {
    host: 'smtp.office365.com',
    port: 587,
    tls: 'starttls',
    username: `${local}@${domain}`,
    password: `pw-${local}-Q7!x`,
    smtpAuthEnabled: true,
  },
});

describe('validateSmtpConnector', () => {
  it('accepts both realistic base configurations with no problem at all', () => {
    expect(validateSmtpConnector(smtpOutboundOnly).problems).toEqual([]);
    expect(validateSmtpConnector(smtpBidirectional).problems).toEqual([]);
    expect(validateSmtpConnector(smtpOutboundOnly).valid).toBe(true);
  });

  it('SMTP-1: bidirectional needs inbound credentials per domain and TLS; outbound-only ignores inbound credentials', () => {
    expect(citedAt(validateSmtpConnector(smtpBidirectional), 'SMTP-1')).toEqual([]);
    const noCredentials = variant(smtpBidirectional, (c) => delete c.domains[0].inboundCredentials);
    expect(citedAt(validateSmtpConnector(noCredentials), 'SMTP-1')).toEqual([
      '$.domains[0].inboundCredentials:error',
    ]);
    const tlsOff = variant(smtpBidirectional, (c) => {
      c.domains[0].addresses[0].outbound.port = 25;
      c.domains[0].addresses[0].outbound.tls = 'none';
    });
    expect(citedAt(validateSmtpConnector(tlsOff), 'SMTP-1')).toEqual([
      '$.domains[0].addresses[0].outbound.tls:error',
    ]);
    const strayCredentials = variant(smtpOutboundOnly, (c) => {
      c.domains[0].inboundCredentials = [{ id: 'cred-1', username: 'contoso@contoso.zendesk.com' }];
    });
    expect(citedAt(validateSmtpConnector(strayCredentials), 'SMTP-1')).toEqual([
      '$.domains[0].inboundCredentials:warning',
    ]);
  });

  it('SMTP-1: port and TLS pairs that cannot work (465 is implicit TLS, 587 is STARTTLS)', () => {
    const starttlsOn465 = variant(smtpBidirectional, (c) => {
      c.domains[0].addresses[1].outbound.tls = 'starttls';
    });
    expect(citedAt(validateSmtpConnector(starttlsOn465), 'SMTP-1')).toEqual([
      '$.domains[0].addresses[1].outbound.tls:error',
    ]);
    const implicitOn587 = variant(smtpBidirectional, (c) => {
      c.domains[0].addresses[0].outbound.tls = 'implicit';
    });
    expect(citedAt(validateSmtpConnector(implicitOn587), 'SMTP-1')).toEqual([
      '$.domains[0].addresses[0].outbound.tls:error',
    ]);
  });

  it('SMTP-2: bidirectional mode is refused on Microsoft 365 and Google Workspace, outbound-only is fine', () => {
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly), 'SMTP-2')).toEqual([]);
    const m365 = variant(smtpOutboundOnly, (c) => {
      c.mode = 'bidirectional';
      c.domains[0].inboundCredentials = [{ id: 'cred-1', username: 'contoso@contoso.zendesk.com' }];
      c.domains[0].addresses[0].verification = undefined;
    });
    expect(citedAt(validateSmtpConnector(m365), 'SMTP-2')).toEqual(['$.mode:error']);
    // Declared "other", but the host gives Google Workspace away.
    const google = variant(smtpBidirectional, (c) => {
      c.provider = 'other';
      c.domains[0].addresses[0].outbound.host = 'smtp.gmail.com';
    });
    expect(citedAt(validateSmtpConnector(google), 'SMTP-2')).toEqual([
      '$.domains[0].addresses[0].outbound.host:error',
    ]);
  });

  it('SMTP-3: 50 addresses on a domain and 4 domains pass; the 51st address and a 5th domain do not', () => {
    const fifty = variant(smtpOutboundOnly, (c) => {
      c.domains[0].addresses = Array.from({ length: 50 }, (_, i) => outboundAddress(`agent${i}`));
    });
    expect(citedAt(validateSmtpConnector(fifty), 'SMTP-3')).toEqual([]);
    const fiftyOne = variant(fifty, (c) => c.domains[0].addresses.push(outboundAddress('agent50')));
    expect(citedAt(validateSmtpConnector(fiftyOne), 'SMTP-3')).toEqual(['$.domains[0].addresses:error']);

    const domains = ['contoso.com', 'contoso.co.uk', 'contoso.de', 'contoso.fr', 'contoso.it'];
    const four = variant(smtpOutboundOnly, (c) => {
      c.domains = domains.slice(0, 4).map((d) => ({ domain: d, addresses: [outboundAddress('support', d)] }));
    });
    expect(validateSmtpConnector(four).problems).toEqual([]);
    const five = variant(four, (c) =>
      c.domains.push({ domain: 'contoso.it', addresses: [outboundAddress('support', 'contoso.it')] }),
    );
    expect(citedAt(validateSmtpConnector(five), 'SMTP-3')).toEqual(['$.domains:error']);
  });

  it('SMTP-3: the same address twice is refused', () => {
    const twice = variant(smtpBidirectional, (c) => {
      c.domains[0].addresses[1].address = 'HELP@fabrikam.com';
    });
    expect(citedAt(validateSmtpConnector(twice), 'SMTP-3')).toEqual([
      '$.domains[0].addresses[1].address:error',
    ]);
  });

  it('SMTP-4: addresses outside the connector domain, or a different domain for sending, are refused', () => {
    expect(citedAt(validateSmtpConnector(smtpBidirectional), 'SMTP-4')).toEqual([]);
    const wrongDomain = variant(smtpBidirectional, (c) => {
      c.domains[0].addresses[1].address = 'billing@fabrikam-billing.com';
    });
    expect(citedAt(validateSmtpConnector(wrongDomain), 'SMTP-4')).toEqual([
      '$.domains[0].addresses[1].address:error',
    ]);
    const otherDirection = variant(smtpBidirectional, (c) => {
      c.domains[0].addresses[0].outbound.sendAs = 'noreply@fabrikam-mail.com';
    });
    expect(citedAt(validateSmtpConnector(otherDirection), 'SMTP-4')).toEqual([
      '$.domains[0].addresses[0].outbound.sendAs:error',
    ]);
    const sameDomainSendAs = variant(smtpBidirectional, (c) => {
      c.domains[0].addresses[0].outbound.sendAs = 'noreply@fabrikam.com';
    });
    expect(citedAt(validateSmtpConnector(sameDomainSendAs), 'SMTP-4')).toEqual([]);
  });

  it('SMTP-5: a bidirectional domain must have no existing support address', () => {
    const elsewhere = {
      supportAddresses: [{ address: 'support@contoso.com', channel: 'forwarding' as const }],
    };
    expect(citedAt(validateSmtpConnector(smtpBidirectional, elsewhere), 'SMTP-5')).toEqual([]);
    const alreadyConnected = {
      supportAddresses: [{ address: 'help@fabrikam.com', channel: 'smtp-connector' as const }],
    };
    expect(citedAt(validateSmtpConnector(smtpBidirectional, alreadyConnected), 'SMTP-5')).toEqual([]);
    const clash = { supportAddresses: ['sales@fabrikam.com'] };
    expect(citedAt(validateSmtpConnector(smtpBidirectional, clash), 'SMTP-5')).toEqual([
      '$.domains[0].domain:error',
    ]);
    const twice = variant(smtpBidirectional, (c) => c.domains.push(structuredClone(c.domains[0])));
    expect(citedAt(validateSmtpConnector(twice), 'SMTP-5')).toContain('$.domains[1].domain:error');
  });

  it('SMTP-6: the authentication protocol is PLAIN', () => {
    expect(citedAt(validateSmtpConnector(smtpBidirectional), 'SMTP-6')).toEqual([]);
    const lowerCase = variant(smtpBidirectional, (c) => (c.domains[0].authProtocol = 'plain'));
    expect(citedAt(validateSmtpConnector(lowerCase), 'SMTP-6')).toEqual([]);
    const cram = variant(smtpBidirectional, (c) => (c.domains[0].authProtocol = 'CRAM-MD5'));
    expect(citedAt(validateSmtpConnector(cram), 'SMTP-6')).toEqual(['$.domains[0].authProtocol:error']);
  });

  it('SMTP-7: two credential sets need a rotation deadline, a third set is refused, an expired rotation is an error', () => {
    const rotating = variant(smtpBidirectional, (c) => {
      c.domains[0].inboundCredentials[0].retireBy = '2026-02-01T00:00:00Z';
      c.domains[0].inboundCredentials.push({
        id: 'cred-2026-02',
        username: 'fabrikam@fabrikam.zendesk.com',
        createdAt: '2026-01-25T10:00:00Z',
      });
    });
    const before = Date.parse('2026-01-28T12:00:00Z');
    const after = Date.parse('2026-02-03T12:00:00Z');
    expect(citedAt(validateSmtpConnector(rotating, { now: before }), 'SMTP-7')).toEqual([]);
    expect(citedAt(validateSmtpConnector(rotating, { now: after }), 'SMTP-7')).toEqual([
      '$.domains[0].inboundCredentials[0].retireBy:error',
    ]);
    const permanent = variant(rotating, (c) => delete c.domains[0].inboundCredentials[0].retireBy);
    expect(citedAt(validateSmtpConnector(permanent, { now: before }), 'SMTP-7')).toEqual([
      '$.domains[0].inboundCredentials[0].retireBy:warning',
    ]);
    const third = variant(rotating, (c) =>
      c.domains[0].inboundCredentials.push({ id: 'cred-2026-03', username: 'fabrikam@fabrikam.zendesk.com' }),
    );
    expect(citedAt(validateSmtpConnector(third, { now: before }), 'SMTP-7')).toEqual([
      '$.domains[0].inboundCredentials[2]:error',
    ]);
  });

  it('SMTP-8: aliases, distribution groups and credentials shared across brands are warned about; missing password is an error', () => {
    expect(citedAt(validateSmtpConnector(smtpBidirectional), 'SMTP-8')).toEqual([]);
    const alias = variant(smtpBidirectional, (c) => (c.domains[0].addresses[1].type = 'alias'));
    expect(citedAt(validateSmtpConnector(alias), 'SMTP-8')).toEqual([
      '$.domains[0].addresses[1].type:warning',
    ]);
    expect(validateSmtpConnector(alias).valid).toBe(true);
    const group = variant(smtpBidirectional, (c) => (c.domains[0].addresses[1].type = 'distribution-group'));
    expect(citedAt(validateSmtpConnector(group), 'SMTP-8')).toEqual([
      '$.domains[0].addresses[1].type:warning',
    ]);
    const shared = variant(smtpBidirectional, (c) => {
      c.domains[0].addresses[0].brand = 'Fabrikam Retail';
      c.domains[0].addresses[1].brand = 'Fabrikam Wholesale';
      c.domains[0].addresses[1].outbound = { ...c.domains[0].addresses[0].outbound };
    });
    expect(citedAt(validateSmtpConnector(shared), 'SMTP-8')).toEqual([
      '$.domains[0].addresses[1].outbound.username:warning',
    ]);
    const noPassword = variant(smtpBidirectional, (c) => delete c.domains[0].addresses[0].outbound.password);
    expect(citedAt(validateSmtpConnector(noPassword), 'SMTP-8')).toEqual([
      '$.domains[0].addresses[0].outbound.password:error',
    ]);
  });

  it('SMTP-9: outbound-only cannot reuse a support address that uses plain forwarding', () => {
    const connected = {
      supportAddresses: [{ address: 'support@contoso.com', channel: 'smtp-connector' as const }],
    };
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly, connected), 'SMTP-9')).toEqual([]);
    const forwarded = {
      supportAddresses: [{ address: 'Support@Contoso.com', channel: 'forwarding' as const }],
    };
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly, forwarded), 'SMTP-9')).toEqual([
      '$.domains[0].addresses[0].address:error',
    ]);
  });

  it('SMTP-10: connector addresses cannot be added through the API', () => {
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly, { applyVia: 'admin-ui' }), 'SMTP-10')).toEqual([]);
    const existing = {
      applyVia: 'api' as const,
      supportAddresses: [{ address: 'support@contoso.com', channel: 'smtp-connector' as const }],
    };
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly, existing), 'SMTP-10')).toEqual([]);
    const unknownChannel = { applyVia: 'api' as const, supportAddresses: ['support@contoso.com'] };
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly, unknownChannel), 'SMTP-10')).toEqual([]);
    const forwarded = {
      applyVia: 'api' as const,
      supportAddresses: [{ address: 'support@contoso.com', channel: 'forwarding' as const }],
    };
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly, forwarded), 'SMTP-10')).toEqual([
      '$.domains[0].addresses[0].address:error',
    ]);
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly, { applyVia: 'api' }), 'SMTP-10')).toEqual([
      '$.domains[0].addresses[0].address:error',
    ]);
  });

  it('SMTP-11: an address that is not verified in every direction its mode needs is reported', () => {
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly), 'SMTP-11')).toEqual([]);
    const pending = variant(smtpOutboundOnly, (c) => {
      c.domains[0].addresses[0].verification = { outbound: 'verified', forwarding: 'pending' };
    });
    expect(citedAt(validateSmtpConnector(pending), 'SMTP-11')).toEqual([
      '$.domains[0].addresses[0].verification:warning',
    ]);
    const wrongCheck = variant(smtpOutboundOnly, (c) => {
      c.domains[0].addresses[0].verification = {
        inbound: 'verified',
        outbound: 'verified',
        forwarding: 'verified',
      };
    });
    expect(citedAt(validateSmtpConnector(wrongCheck), 'SMTP-11')).toEqual([
      '$.domains[0].addresses[0].verification.inbound:warning',
    ]);
  });

  it('SMTP-12: greylisting connector traffic and not allowlisting the helpdesk IPs are warned about', () => {
    const good = variant(
      smtpBidirectional,
      (c) => (c.customerServer = { greylisting: false, helpdeskIpsAllowlisted: true }),
    );
    expect(citedAt(validateSmtpConnector(good), 'SMTP-12')).toEqual([]);
    const bad = variant(
      smtpBidirectional,
      (c) => (c.customerServer = { greylisting: true, helpdeskIpsAllowlisted: false }),
    );
    expect(citedAt(validateSmtpConnector(bad), 'SMTP-12')).toEqual([
      '$.customerServer.greylisting:warning',
      '$.customerServer.helpdeskIpsAllowlisted:warning',
    ]);
  });

  it('SMTP-13: the same support address in sandbox and production is refused', () => {
    const other = { otherEnvironmentAddresses: ['support@sandbox.contoso.com'] };
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly, other), 'SMTP-13')).toEqual([]);
    const same = { otherEnvironmentAddresses: ['support@contoso.com'] };
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly, same), 'SMTP-13')).toEqual([
      '$.domains[0].addresses[0].address:error',
    ]);
  });

  it('SMTP-14: Microsoft 365 needs smtp.office365.com on 587 or 25 with SMTP AUTH enabled', () => {
    const port25 = variant(smtpOutboundOnly, (c) => (c.domains[0].addresses[0].outbound.port = 25));
    expect(citedAt(validateSmtpConnector(port25), 'SMTP-14')).toEqual([]);
    const wrong = variant(smtpOutboundOnly, (c) => {
      c.domains[0].addresses[0].outbound.host = 'smtp-mail.outlook.com';
      c.domains[0].addresses[0].outbound.port = 2525;
      c.domains[0].addresses[0].outbound.smtpAuthEnabled = false;
    });
    expect(citedAt(validateSmtpConnector(wrong), 'SMTP-14')).toEqual([
      '$.domains[0].addresses[0].outbound.host:error',
      '$.domains[0].addresses[0].outbound.port:error',
      '$.domains[0].addresses[0].outbound.smtpAuthEnabled:error',
    ]);
    // The IMAP/EWS host typed by mistake reveals Microsoft 365 even when the provider says "other".
    const imapHost = variant(smtpOutboundOnly, (c) => {
      c.provider = 'other';
      c.domains[0].addresses[0].outbound.host = 'outlook.office365.com';
    });
    expect(citedAt(validateSmtpConnector(imapHost), 'SMTP-14')).toEqual([
      '$.domains[0].addresses[0].outbound.host:error',
    ]);
    // Declared Microsoft 365 but pointed at another provider's host.
    const foreignHost = variant(
      smtpOutboundOnly,
      (c) => (c.domains[0].addresses[0].outbound.host = 'smtp.gmail.com'),
    );
    expect(citedAt(validateSmtpConnector(foreignHost), 'SMTP-14')).toEqual([
      '$.domains[0].addresses[0].outbound.host:error',
    ]);
  });

  it('SMTP-15: Microsoft 365 needs the email address as username; helpdesk usernames follow <sub>@<sub>.zendesk.com', () => {
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly), 'SMTP-15')).toEqual([]);
    const bare = variant(smtpOutboundOnly, (c) => (c.domains[0].addresses[0].outbound.username = 'support'));
    expect(citedAt(validateSmtpConnector(bare), 'SMTP-15')).toEqual([
      '$.domains[0].addresses[0].outbound.username:error',
    ]);
    const odd = variant(
      smtpBidirectional,
      (c) => (c.domains[0].inboundCredentials[0].username = 'relay@fabrikam.zendesk.com'),
    );
    expect(citedAt(validateSmtpConnector(odd), 'SMTP-15')).toEqual([
      '$.domains[0].inboundCredentials[0].username:warning',
    ]);
  });

  it('OUT-4: a system address cannot be sent through the customer server', () => {
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly), 'OUT-4')).toEqual([]);
    const system = variant(smtpOutboundOnly, (c) => {
      c.domains[0].domain = 'contoso.zendesk.com';
      c.domains[0].addresses[0].address = 'support@contoso.zendesk.com';
    });
    expect(citedAt(validateSmtpConnector(system), 'OUT-4')).toEqual([
      '$.domains[0].addresses[0].address:error',
    ]);
    const custom = { systemAddressPatterns: ['support@contoso.com'] };
    expect(citedAt(validateSmtpConnector(smtpOutboundOnly, custom), 'OUT-4')).toEqual([
      '$.domains[0].addresses[0].address:error',
    ]);
  });

  it("LOOP-4: a support address that is a user's address is refused", () => {
    expect(
      citedAt(
        validateSmtpConnector(smtpOutboundOnly, { userAddresses: ['megan.bowen@contoso.com'] }),
        'LOOP-4',
      ),
    ).toEqual([]);
    expect(
      citedAt(validateSmtpConnector(smtpOutboundOnly, { userAddresses: ['SUPPORT@contoso.com'] }), 'LOOP-4'),
    ).toEqual(['$.domains[0].addresses[0].address:error']);
  });

  it('EXCH-3: CCs and followers must be enabled for the SMTP connector too', () => {
    const off = variant(smtpOutboundOnly, (c) => (c.ccsAndFollowersEnabled = false));
    expect(citedAt(validateSmtpConnector(off), 'EXCH-3')).toEqual(['$.ccsAndFollowersEnabled:error']);
  });

  it('OUT-2: a server that rewrites the helpdesk headers is refused', () => {
    const rewrites = variant(
      smtpBidirectional,
      (c) => (c.customerServer = { preservesHelpdeskHeaders: false }),
    );
    expect(citedAt(validateSmtpConnector(rewrites), 'OUT-2')).toEqual([
      '$.customerServer.preservesHelpdeskHeaders:error',
    ]);
  });

  it('reports unreadable input as problems citing the rule of the field', () => {
    expect(validateSmtpConnector('smtp.office365.com').problems).toMatchObject([
      { rule: 'SMTP-1', path: '$' },
    ]);
    const typo = variant(smtpOutboundOnly, (c) => {
      c.domains[0].addresses[0].outbound.prot = 587;
      c.domains[0].addresses[0].outbound.port = '587';
    });
    const r = validateSmtpConnector(typo);
    expect(r.valid).toBe(false);
    expect(r.problems.map((p) => `${p.rule} ${p.path}`)).toEqual([
      'SMTP-8 $.domains[0].addresses[0].outbound.port',
      'SMTP-8 $.domains[0].addresses[0].outbound.prot',
    ]);
    expect(r.problems[0]?.message).toBe('Outbound port: Invalid input: expected number, received string.');
    expect(r.problems[0]?.fix).toContain('587');
    expect(r.problems[1]?.message).toContain('Unknown setting "prot"');
  });
});
