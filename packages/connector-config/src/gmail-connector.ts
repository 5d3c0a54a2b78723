import { domainOf, keyOf } from './address-match.js';
import { GMAIL_CONSUMER_DOMAINS, GMAIL_DAILY_SENDING_LIMITS, GMAIL_LIMIT_WARNING_SHARE } from './presets.js';
import { jsonPath, ProblemList, type ValidationContext, type ValidationResult } from './problem.js';
import { gmailConnectorSchema } from './schemas.js';
import { checkSendingAddress, parseConfig, prepareContext } from './validate-common.js';

/** The size of the initial import on (re)connection (GMAIL-2). */
export const GMAIL_INITIAL_IMPORT_LIMIT = 50;
/** The connector polls each inbox once a minute (GMAIL-1). */
export const GMAIL_POLL_INTERVAL_SECONDS = 60;

/**
 * Validates a Gmail connector: account type against the address (GMAIL-4), polling and what gets imported
 * (GMAIL-1, GMAIL-2), accounts connected twice (GMAIL-3), Google's daily sending limits (GMAIL-5), attachments when
 * sending through Gmail (GMAIL-6), and that no account is a system or user address (OUT-4, LOOP-4).
 *
 * @rule GMAIL-1, GMAIL-2, GMAIL-3, GMAIL-4, GMAIL-5, GMAIL-6, LOOP-4, OUT-4
 * @example
 * validateGmailConnector({
 *   kind: 'gmail-connector',
 *   accounts: [{ address: 'help@gmail.com', accountType: 'google-workspace' }],
 * }).problems[0]?.rule; // 'GMAIL-4'
 */
export function validateGmailConnector(config: unknown, context?: ValidationContext): ValidationResult {
  const out = new ProblemList();
  const c = parseConfig('gmail-connector', gmailConnectorSchema, config, out);
  if (c === null) return out.result();
  const ctx = prepareContext(context);
  const seen = new Map<string, number>();
  c.accounts.forEach((a, i) => {
    const path = (...rest: (string | number)[]): string => jsonPath(['accounts', i, ...rest]);
    const key = keyOf(a.address);
    const consumer = GMAIL_CONSUMER_DOMAINS.includes(domainOf(a.address) ?? '');

    const first = seen.get(key);
    if (first !== undefined) {
      out.error(
        'GMAIL-3',
        path('address'),
        `${a.address} is connected twice (also accounts[${first}]); every message would be imported twice.`,
        'Keep one entry per Gmail account; reconnecting an account does not need a second entry.',
      );
    } else {
      seen.set(key, i);
    }

    if (a.accountType === 'gmail' && !consumer) {
      out.error(
        'GMAIL-4',
        path('accountType'),
        `${a.address} is not a gmail.com address, so it cannot be a consumer Gmail account.`,
        'Set accountType to "google-workspace" for an address on your own domain.',
      );
    }
    if (a.accountType === 'google-workspace' && consumer) {
      out.error(
        'GMAIL-4',
        path('accountType'),
        `${a.address} is a consumer Gmail address, not a Google Workspace account.`,
        'Set accountType to "gmail" (its sending limit is 500 messages a day).',
      );
    }
    checkSendingAddress(out, path('address'), a.address, ctx);

    if (a.pollIntervalSeconds < GMAIL_POLL_INTERVAL_SECONDS) {
      out.warning(
        'GMAIL-1',
        path('pollIntervalSeconds'),
        `A ${a.pollIntervalSeconds}-second poll interval is not honoured: the inbox is polled once a minute.`,
        `Set pollIntervalSeconds to ${GMAIL_POLL_INTERVAL_SECONDS} (or more).`,
      );
    }
    if (a.importOnly === 'all') {
      out.error(
        'GMAIL-1',
        path('importOnly'),
        'Only new, unread messages become tickets; importing read messages on every poll would turn already handled mail into tickets.',
        'Set importOnly to "unread"; use initialImport "last-50" for a one-time import of recent mail.',
      );
    }

    const count = a.initialImportCount ?? (a.initialImport === 'last-50' ? GMAIL_INITIAL_IMPORT_LIMIT : 0);
    if (count > GMAIL_INITIAL_IMPORT_LIMIT) {
      out.error(
        'GMAIL-2',
        path('initialImportCount'),
        `The initial import takes the ${GMAIL_INITIAL_IMPORT_LIMIT} most recent messages, not ${count}.`,
        `Set initialImportCount to ${GMAIL_INITIAL_IMPORT_LIMIT} or less.`,
      );
    }
    if (count > 0 && a.initialImport === 'none') {
      out.warning(
        'GMAIL-2',
        path('initialImportCount'),
        'initialImportCount is set but initialImport is "none"; nothing will be imported on connection.',
        'Set initialImport to "last-50", or remove initialImportCount.',
      );
    }
    if (count > 0 && a.initialImport === 'last-50' && !a.suppressTriggersOnInitialImport) {
      out.warning(
        'GMAIL-2',
        path('suppressTriggersOnInitialImport'),
        'Triggers would fire for every imported old message: customers get "we received your request" for mail they sent long ago.',
        'Set suppressTriggersOnInitialImport to true.',
      );
    }

    if (a.sendThroughGmail) {
      const limit = GMAIL_DAILY_SENDING_LIMITS[a.accountType];
      const expected = a.expectedDailyNotifications;
      if (expected !== undefined && expected > limit) {
        out.warning(
          'GMAIL-5',
          path('expectedDailyNotifications'),
          `${expected} notifications a day exceed Google's limit of ${limit} for a ${a.accountType === 'gmail' ? 'Gmail' : 'Google Workspace'} account; past it, notifications go out through the helpdesk's servers.`,
          'Switch this address to forwarding and add the helpdesk to your SPF record, or turn off sending through Gmail.',
        );
      } else if (expected !== undefined && expected >= limit * GMAIL_LIMIT_WARNING_SHARE) {
        out.warning(
          'GMAIL-5',
          path('expectedDailyNotifications'),
          `${expected} notifications a day is close to Google's limit of ${limit}; busy days will fall back to the helpdesk's servers.`,
          'Plan for forwarding + SPF if volume grows.',
        );
      }
      if (a.notificationAttachments === 'files') {
        out.warning(
          'GMAIL-6',
          path('notificationAttachments'),
          'Notifications sent through Gmail cannot carry real attachments; those that need them go out through the helpdesk’s servers instead.',
          'Use "links", or add the helpdesk to your SPF record so fallback mail authenticates.',
        );
      }
    }
  });
  return out.result();
}
