import type { ConnectorRuleId } from './rules.js';

/** What a polling connector knows about one message in the mailbox. */
export interface MailboxMessageSummary {
  /** The provider's id of the message in this mailbox (Gmail message id, Graph/EWS item id). */
  readonly id: string;
  /** The Message-ID header, with or without angle brackets; `null` when the message has none. */
  readonly messageId: string | null;
  readonly unread: boolean;
  /** Epoch milliseconds. */
  readonly receivedAt: number;
  /** Folder or label; Exchange imports only the Inbox (EXCH-2). Absent means the inbox. */
  readonly folder?: string | undefined;
}

/** Why a message is not imported. */
export type MailboxSkipReason =
  | 'already-imported'
  | 'duplicate-in-batch'
  | 'read'
  | 'not-in-inbox'
  | 'beyond-initial-limit'
  | 'before-connection'
  | 'invalid';

/** One message to turn into a ticket. */
export interface PlannedImport {
  readonly id: string;
  readonly messageId: string | null;
  /** Triggers (auto-replies and other automations) must not fire for this ticket (initial import, GMAIL-2). */
  readonly suppressTriggers: boolean;
  readonly rule: ConnectorRuleId;
}

/** One message left alone, and why. */
export interface SkippedMessage {
  /** The provider id, or `''` for a summary that had none. */
  readonly id: string;
  readonly reason: MailboxSkipReason;
  readonly rule: ConnectorRuleId;
}

/** Options of {@link planMailboxImport}. */
export interface MailboxImportOptions {
  readonly connector: 'gmail' | 'exchange';
  /** `connect` for the first poll after (re)connecting, `poll` for the every-minute poll. */
  readonly phase: 'connect' | 'poll';
  /** Provider ids and Message-IDs already imported (kept by the caller across reconnections, GMAIL-3). */
  readonly alreadyImported: ReadonlySet<string> | readonly string[];
  /** On `connect`: import the most recent messages, read or not (Gmail only, GMAIL-2). Default `false`. */
  readonly importRecent?: boolean | undefined;
  /** How many recent messages the initial import takes; at most 50 (GMAIL-2). */
  readonly initialImportLimit?: number | undefined;
  /**
   * When the mailbox was (re)connected, epoch ms. Polls skip messages received before it: only *new* messages
   * become tickets (GMAIL-1). Without it, every unread message not yet imported counts as new.
   */
  readonly connectedAt?: number | undefined;
  /** Most summaries looked at in one call; the rest are left for the next poll. Default 10,000. */
  readonly maxMessages?: number | undefined;
}

/** The plan: what to import (oldest first), what to skip, and the keys to remember afterwards. */
export interface MailboxImportPlan {
  readonly import: readonly PlannedImport[];
  readonly skipped: readonly SkippedMessage[];
  /** Keys (ids and normalised Message-IDs) to add to `alreadyImported` once the imports are done. */
  readonly remember: readonly string[];
  /** Summaries beyond `maxMessages` were not looked at. */
  readonly truncated: boolean;
}

/** The documented size of the initial import (GMAIL-2). */
export const INITIAL_IMPORT_LIMIT = 50;
const DEFAULT_MAX_MESSAGES = 10_000;
const MAX_ID_LENGTH = 1000;

/** Message-IDs compare without angle brackets or surrounding space (their case is significant: RFC 5322). */
function messageIdKey(value: string | null): string | null {
  if (value === null) return null;
  const s = value.trim().replace(/^</, '').replace(/>$/, '').trim();
  return s.length === 0 ? null : `mid:${s}`;
}

function readSummary(value: unknown): MailboxMessageSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const id = v['id'];
  const messageId = v['messageId'];
  const unread = v['unread'];
  const receivedAt = v['receivedAt'];
  const folder = v['folder'];
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) return null;
  if (messageId !== null && (typeof messageId !== 'string' || messageId.length > MAX_ID_LENGTH)) return null;
  if (typeof unread !== 'boolean' || typeof receivedAt !== 'number' || !Number.isFinite(receivedAt))
    return null;
  if (folder !== undefined && typeof folder !== 'string') return null;
  return { id, messageId, unread, receivedAt, folder };
}

/**
 * Decides which mailbox messages a polling connector turns into tickets now. Every poll imports only new unread
 * messages not imported before (GMAIL-1, EXCH-2: Exchange also only from the Inbox). On (re)connection Gmail imports
 * nothing that is already there, or, when the admin asks, the 50 most recent messages, read or not, with triggers
 * suppressed (GMAIL-2). Messages already imported, by
 * provider id or by Message-ID, are never imported again, also after a reconnection that hands out new ids (GMAIL-3).
 * Imports come oldest first. Malformed summaries are skipped as `invalid`; the function never throws on them.
 *
 * @rule GMAIL-1, GMAIL-2, GMAIL-3, EXCH-2
 * @example
 * const plan = planMailboxImport(summaries, { connector: 'gmail', phase: 'connect', importRecent: true,
 *   alreadyImported: store.importedKeys() });
 * for (const m of plan.import) createTicket(m.id, { triggers: !m.suppressTriggers });
 * store.remember(plan.remember);
 */
export function planMailboxImport(
  mailbox: readonly MailboxMessageSummary[],
  options: MailboxImportOptions,
): MailboxImportPlan {
  const gmail = options.connector === 'gmail';
  const pollRule: ConnectorRuleId = gmail ? 'GMAIL-1' : 'EXCH-2';
  // Exchange has no initial import: connecting polls like any other minute (EXCH-2).
  const connecting = gmail && options.phase === 'connect';
  const initial = connecting && options.importRecent === true;
  const connectedAt =
    typeof options.connectedAt === 'number' && Number.isFinite(options.connectedAt)
      ? options.connectedAt
      : null;
  const limit = Math.max(
    0,
    Math.min(INITIAL_IMPORT_LIMIT, Math.floor(options.initialImportLimit ?? INITIAL_IMPORT_LIMIT)),
  );
  const maxMessages = Math.max(0, Math.floor(options.maxMessages ?? DEFAULT_MAX_MESSAGES));
  const known = new Set<string>(
    Array.isArray(options.alreadyImported)
      ? options.alreadyImported
      : [...(options.alreadyImported as ReadonlySet<string>)],
  );

  const list = Array.isArray(mailbox) ? mailbox : [];
  const truncated = list.length > maxMessages;
  const skipped: SkippedMessage[] = [];
  const valid: MailboxMessageSummary[] = [];
  for (const raw of list.slice(0, maxMessages)) {
    const m = readSummary(raw);
    if (m === null) {
      const rawId = (raw as { id?: unknown } | null)?.id;
      skipped.push({
        id: typeof rawId === 'string' ? rawId.slice(0, MAX_ID_LENGTH) : '',
        reason: 'invalid',
        rule: pollRule,
      });
    } else {
      valid.push(m);
    }
  }

  // Newest first, ties broken by id, so the initial "most recent 50" is well defined.
  valid.sort((a, b) => b.receivedAt - a.receivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const chosen: PlannedImport[] = [];
  const remember: string[] = [];
  const batch = new Set<string>();
  // The initial import window is the `limit` most recent messages, imported or not: a reconnection re-imports
  // nothing from it (GMAIL-3) and does not reach further back to make up the number.
  valid.forEach((m, rank) => {
    const midKey = messageIdKey(m.messageId);
    const idKey = `id:${m.id}`;
    if (known.has(idKey) || known.has(m.id) || (midKey !== null && known.has(midKey))) {
      skipped.push({ id: m.id, reason: 'already-imported', rule: 'GMAIL-3' });
      return;
    }
    if (batch.has(idKey) || (midKey !== null && batch.has(midKey))) {
      skipped.push({ id: m.id, reason: 'duplicate-in-batch', rule: 'GMAIL-3' });
      return;
    }
    if (!gmail && m.folder !== undefined && m.folder.trim().toLowerCase() !== 'inbox') {
      skipped.push({ id: m.id, reason: 'not-in-inbox', rule: 'EXCH-2' });
      return;
    }
    let suppressTriggers = false;
    let rule: ConnectorRuleId = pollRule;
    if (connecting) {
      if (!initial) {
        skipped.push({ id: m.id, reason: 'before-connection', rule: 'GMAIL-1' });
        return;
      }
      if (rank >= limit) {
        skipped.push({ id: m.id, reason: 'beyond-initial-limit', rule: 'GMAIL-2' });
        return;
      }
      suppressTriggers = true;
      rule = 'GMAIL-2';
    } else if (!m.unread) {
      skipped.push({ id: m.id, reason: 'read', rule: pollRule });
      return;
    } else if (connectedAt !== null && m.receivedAt < connectedAt) {
      skipped.push({ id: m.id, reason: 'before-connection', rule: pollRule });
      return;
    }
    batch.add(idKey);
    remember.push(idKey);
    if (midKey !== null) {
      batch.add(midKey);
      remember.push(midKey);
    }
    chosen.push({ id: m.id, messageId: m.messageId, suppressTriggers, rule });
  });
  chosen.reverse();
  return { import: chosen, skipped, remember, truncated };
}
