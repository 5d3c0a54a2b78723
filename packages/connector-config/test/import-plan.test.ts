import { type MailboxMessageSummary, planMailboxImport } from '@mailroom/connector-config';
import { describe, expect, it } from 'vitest';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const minute = 60_000;

/** n messages, one a minute before T0, newest first (ids m0 newest), alternating read/unread. */
function inbox(n: number): MailboxMessageSummary[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `18e0c${String(i).padStart(4, '0')}`,
    messageId: `<CAF${i}x7@mail.gmail.com>`,
    unread: i % 2 === 0,
    receivedAt: T0 - i * minute,
  }));
}

describe('planMailboxImport', () => {
  it('GMAIL-1: a poll imports only new unread messages, oldest first', () => {
    const connectedAt = T0 - 10 * minute + 1;
    const plan = planMailboxImport(inbox(20), {
      connector: 'gmail',
      phase: 'poll',
      alreadyImported: [],
      connectedAt,
    });
    expect(plan.import.map((m) => m.id)).toEqual([
      '18e0c0008',
      '18e0c0006',
      '18e0c0004',
      '18e0c0002',
      '18e0c0000',
    ]);
    expect(plan.import.every((m) => !m.suppressTriggers && m.rule === 'GMAIL-1')).toBe(true);
    expect(plan.skipped.filter((s) => s.reason === 'read')).toHaveLength(10);
    expect(plan.skipped.filter((s) => s.reason === 'before-connection')).toHaveLength(5);
  });

  it('GMAIL-1: connecting without the initial import imports nothing already in the mailbox', () => {
    const plan = planMailboxImport(inbox(5), { connector: 'gmail', phase: 'connect', alreadyImported: [] });
    expect(plan.import).toEqual([]);
    expect(new Set(plan.skipped.map((s) => s.reason))).toEqual(new Set(['before-connection']));
  });

  it('GMAIL-2: the initial import takes the 50 most recent messages, read or not, with triggers suppressed', () => {
    const plan = planMailboxImport(inbox(80), {
      connector: 'gmail',
      phase: 'connect',
      importRecent: true,
      alreadyImported: [],
    });
    expect(plan.import).toHaveLength(50);
    expect(plan.import.every((m) => m.suppressTriggers && m.rule === 'GMAIL-2')).toBe(true);
    expect(plan.import[0]?.id).toBe('18e0c0049');
    expect(plan.import.at(-1)?.id).toBe('18e0c0000');
    expect(plan.skipped.filter((s) => s.reason === 'beyond-initial-limit')).toHaveLength(30);
    expect(
      planMailboxImport(inbox(80), {
        connector: 'gmail',
        phase: 'connect',
        importRecent: true,
        initialImportLimit: 500,
        alreadyImported: [],
      }).import,
    ).toHaveLength(50);
  });

  it('GMAIL-3: after a reconnection nothing already imported is imported again, even under new ids', () => {
    const first = planMailboxImport(inbox(60), {
      connector: 'gmail',
      phase: 'connect',
      importRecent: true,
      alreadyImported: [],
    });
    const remembered = new Set(first.remember);
    // Reconnection: two new messages arrived; the provider hands out new ids for the old ones.
    const later: MailboxMessageSummary[] = [
      { id: 'new-1', messageId: '<new-1@contoso.com>', unread: true, receivedAt: T0 + minute },
      { id: 'new-2', messageId: null, unread: false, receivedAt: T0 + 2 * minute },
      ...inbox(60).map((m) => ({ ...m, id: `re-${m.id}` })),
    ];
    const again = planMailboxImport(later, {
      connector: 'gmail',
      phase: 'connect',
      importRecent: true,
      alreadyImported: remembered,
    });
    const importedIds = again.import.map((m) => m.id);
    expect(importedIds).toEqual(['new-1', 'new-2']);
    const firstMessageIds = new Set(first.import.map((m) => m.messageId));
    expect(again.import.some((m) => firstMessageIds.has(m.messageId))).toBe(false);
    expect(again.skipped.filter((s) => s.reason === 'already-imported')).toHaveLength(50);
    expect(again.skipped.filter((s) => s.reason === 'beyond-initial-limit')).toHaveLength(10);
    // The same message twice in one listing (two labels) is imported once.
    const dup = planMailboxImport(
      [
        { id: 'a', messageId: '<x@contoso.com>', unread: true, receivedAt: T0 },
        { id: 'b', messageId: 'x@contoso.com', unread: true, receivedAt: T0 },
      ],
      { connector: 'gmail', phase: 'poll', alreadyImported: [] },
    );
    expect(dup.import).toHaveLength(1);
    expect(dup.skipped).toMatchObject([{ reason: 'duplicate-in-batch', rule: 'GMAIL-3' }]);
  });

  it('EXCH-2: Exchange imports only unread messages from the Inbox and has no initial import', () => {
    const messages: MailboxMessageSummary[] = [
      { id: 'AAMkAD1', messageId: '<a@contoso.com>', unread: true, receivedAt: T0, folder: 'Inbox' },
      { id: 'AAMkAD2', messageId: '<b@contoso.com>', unread: true, receivedAt: T0, folder: 'Junk Email' },
      { id: 'AAMkAD3', messageId: '<c@contoso.com>', unread: false, receivedAt: T0, folder: 'Inbox' },
    ];
    const plan = planMailboxImport(messages, {
      connector: 'exchange',
      phase: 'connect',
      importRecent: true,
      alreadyImported: [],
    });
    expect(plan.import).toMatchObject([{ id: 'AAMkAD1', suppressTriggers: false, rule: 'EXCH-2' }]);
    expect(plan.skipped.map((s) => `${s.id}:${s.reason}`).sort()).toEqual([
      'AAMkAD2:not-in-inbox',
      'AAMkAD3:read',
    ]);
  });

  it('skips malformed summaries as invalid and bounds the work', () => {
    const junk = [
      null,
      42,
      { id: '' },
      { id: 'x', messageId: 5, unread: true, receivedAt: 1 },
    ] as unknown as MailboxMessageSummary[];
    const plan = planMailboxImport(junk, { connector: 'gmail', phase: 'poll', alreadyImported: [] });
    expect(plan.import).toEqual([]);
    expect(plan.skipped.map((s) => s.reason)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
    const bounded = planMailboxImport(inbox(30), {
      connector: 'gmail',
      phase: 'poll',
      alreadyImported: [],
      maxMessages: 10,
    });
    expect(bounded.truncated).toBe(true);
    expect(bounded.import.length + bounded.skipped.length).toBe(10);
  });
});
