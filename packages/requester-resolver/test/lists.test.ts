import { resolveRequester } from '@mailroom/requester-resolver';
import { describe, expect, it } from 'vitest';
import { ACME, loadFixture } from './load-fixture.js';

const codes = (r: { warnings: readonly { code: string }[] }): string[] => r.warnings.map((w) => w.code);

describe('list software that rewrites From (DMARC mitigation)', () => {
  it('REQ-1: Mailman 3 "via" From with the author in Reply-To → list-original-sender', async () => {
    const { headers } = await loadFixture('lists/mailman3-dmarc-munge-reply-to.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toMatchObject({
      address: 'ann.example@customer.example',
      source: 'list-original-sender',
    });
    expect(r.recipient).toMatchObject({ address: 'support@acme.example', source: 'delivered-to' });
    // The list address is neither requester nor a CC person worth notifying... but it IS in To: EXCH-3 keeps it.
    expect(r.ccs.map((c) => c.key)).toEqual(['users@lists.example.org']);
  });

  it('REQ-1: Mailman 3 with Reply-To pointing to the list keeps the author in Cc; a BATV X-MailFrom is not used', async () => {
    const { headers } = await loadFixture('lists/mailman3-dmarc-munge-cc.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toMatchObject({
      address: 'ann.example@customer.example',
      source: 'list-original-sender',
    });
    expect(r.ccs.map((c) => c.key)).toEqual(['users@lists.example.org']);
  });

  it('REQ-1: Mailman 2.1 from_is_list munging → the Reply-To author, not the list', async () => {
    const { headers } = await loadFixture('lists/mailman2-from-is-list.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toMatchObject({ address: 'tom.baker@gmail.example', source: 'list-original-sender' });
  });

  it('REQ-1: a list that does not rewrite From but sets Reply-To to itself → From, no reply-to-differs', async () => {
    const { headers } = await loadFixture('lists/mailman3-no-munge-reply-to-list.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toMatchObject({ address: 'sanne.devries@klant.example', source: 'from' });
    expect(codes(r)).not.toContain('reply-to-differs');
  });

  it('REQ-1: Google Groups "via" with X-Original-From equal to Reply-To → list-original-sender', async () => {
    const { headers } = await loadFixture('lists/google-groups-via.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toMatchObject({
      address: 'ann.example@customer.example',
      name: 'Ann Example',
      source: 'list-original-sender',
    });
    expect(r.explanation.join(' ')).toContain(
      'Reply-To <ann.example@customer.example> equals X-Original-From',
    );
  });

  it('LOOP-4: a support address that is a Google Workspace group rewrites From to itself: not a loop', async () => {
    const { headers } = await loadFixture('lists/google-workspace-group-is-support-address.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toMatchObject({
      address: 'juergen.weiss@kunde.example',
      name: 'Jürgen Weiß',
      source: 'list-original-sender',
    });
    expect(codes(r)).not.toContain('from-is-support-address');
    expect(r.recipient?.address).toBe('support@acme.example');
    expect(r.ccs).toEqual([]);
  });

  it('REQ-1: Groups.io rewrites From to a per-author address at groups.io: X-Original-From wins', async () => {
    const { headers } = await loadFixture('lists/groupsio-via.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toMatchObject({
      address: 'lucia.fernandez@cliente.example',
      name: 'Lucía Fernández',
      source: 'list-original-sender',
    });
  });

  it('the same Google Groups post under from-only policy still resolves to the author (list handling is not Reply-To)', async () => {
    const { headers } = await loadFixture('lists/google-groups-via.eml');
    const r = resolveRequester(headers, { ...ACME, replyToPolicy: 'from-only' });
    expect(r.requester?.source).toBe('list-original-sender');
  });
});
