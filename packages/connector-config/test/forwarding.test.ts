import { validateForwarding } from '@mailroom/connector-config';
import { describe, expect, it } from 'vitest';
import { citedAt, forwarding, variant } from './support/configs.js';

describe('validateForwarding', () => {
  it('accepts the realistic base configuration with no problem at all', () => {
    expect(validateForwarding(forwarding).problems).toEqual([]);
  });

  it('FWD-1: the forwarding set-up needs a mail contact, a group open to outside senders, the right destination', () => {
    const noContact = variant(forwarding, (c) => (c.mailContact = false));
    expect(citedAt(validateForwarding(noContact), 'FWD-1')).toEqual(['$.mailContact:error']);
    const closedGroup = variant(forwarding, (c) => {
      c.method = 'distribution-group';
      c.acceptsExternalSenders = false;
    });
    expect(citedAt(validateForwarding(closedGroup), 'FWD-1')).toEqual(['$.acceptsExternalSenders:error']);
    const openGroup = variant(closedGroup, (c) => (c.acceptsExternalSenders = true));
    expect(citedAt(validateForwarding(openGroup), 'FWD-1')).toEqual([]);
    const wrongDestination = variant(
      forwarding,
      (c) => (c.ingestionAddress = 'helpdesk@contoso-support.com'),
    );
    expect(citedAt(validateForwarding(wrongDestination), 'FWD-1')).toEqual(['$.ingestionAddress:warning']);
  });

  it('FWD-2: Microsoft 365 forwarding needs automatic external forwarding on, unless a transport rule forwards', () => {
    const automatic = variant(forwarding, (c) => (c.externalForwarding = 'automatic'));
    expect(citedAt(validateForwarding(automatic), 'FWD-2')).toEqual(['$.externalForwarding:error']);
    expect(validateForwarding(automatic).problems[0]?.message).toContain('5.7.520');
    const transportRule = variant(automatic, (c) => (c.method = 'transport-rule'));
    expect(citedAt(validateForwarding(transportRule), 'FWD-2')).toEqual([]);
  });

  it('FWD-3, REQ-3: Microsoft 365 allows only one redirection', () => {
    const twoHops = variant(forwarding, (c) => (c.hops = ['help@contoso.com', 'support@contoso.com']));
    expect(citedAt(validateForwarding(twoHops), 'FWD-3')).toEqual(['$.hops:error']);
    const google = variant(twoHops, (c) => {
      c.provider = 'google-workspace';
      delete c.externalForwarding;
      delete c.mailContact;
    });
    expect(citedAt(validateForwarding(google), 'FWD-3')).toEqual([]);
  });

  it('REQ-2: more than one forwarding hop before the helpdesk is refused, on any provider', () => {
    expect(citedAt(validateForwarding(forwarding), 'REQ-2')).toEqual([]);
    const twoHops = variant(forwarding, (c) => {
      c.provider = 'other';
      c.hops = ['info@contoso.com', 'support@contoso.com'];
    });
    expect(citedAt(validateForwarding(twoHops), 'REQ-2')).toEqual(['$.hops:error']);
  });

  it('FWD-4: the anti-phishing "via" tag is warned about', () => {
    expect(citedAt(validateForwarding(forwarding), 'FWD-4')).toEqual([]);
    const via = variant(forwarding, (c) => (c.antiPhishingViaTag = true));
    expect(citedAt(validateForwarding(via), 'FWD-4')).toEqual(['$.antiPhishingViaTag:warning']);
    expect(validateForwarding(via).valid).toBe(true);
  });

  it('LOOP-4: forwarding to itself, from a system address, or from a user address loops', () => {
    const self = variant(forwarding, (c) => (c.ingestionAddress = 'support@contoso.com'));
    expect(citedAt(validateForwarding(self), 'LOOP-4')).toEqual(['$.ingestionAddress:error']);
    const user = validateForwarding(forwarding, { userAddresses: ['support@contoso.com'] });
    expect(citedAt(user, 'LOOP-4')).toEqual(['$.supportAddress:error']);
  });
});
