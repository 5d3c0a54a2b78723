import { HELPDESK_FINGERPRINTS } from './helpdesks.js';
import {
  AUTO_REPLY_SUBJECTS,
  ESP_MARKERS,
  type ExtraSignatures,
  HEADER_SIGNATURES,
  NO_REPLY_LOCAL_PARTS,
  OUT_OF_OFFICE_SUBJECTS,
  REPORT_BODY_PHRASES,
  REPORT_SUBJECTS,
  type SignatureTables,
  SYSTEM_SENDER_NAMES,
  SYSTEM_SENDERS,
} from './signatures.js';

/** The default tables. */
const defaultTables: SignatureTables = {
  headers: HEADER_SIGNATURES,
  helpdesks: HELPDESK_FINGERPRINTS,
  outOfOfficeSubjects: OUT_OF_OFFICE_SUBJECTS,
  autoReplySubjects: AUTO_REPLY_SUBJECTS,
  reportSubjects: REPORT_SUBJECTS,
  espMarkers: ESP_MARKERS,
  systemSenders: SYSTEM_SENDERS,
  noReplyLocalParts: NO_REPLY_LOCAL_PARTS,
  systemSenderNames: SYSTEM_SENDER_NAMES,
  reportBodyPhrases: REPORT_BODY_PHRASES,
};

const mergedTables = new WeakMap<ExtraSignatures, SignatureTables>();

/** The default tables with `extra` appended (memoised per `extra` object). */
export function mergeTables(extra: ExtraSignatures | undefined): SignatureTables {
  if (extra === undefined) return defaultTables;
  const cached = mergedTables.get(extra);
  if (cached !== undefined) return cached;
  const tables = buildTables(extra);
  mergedTables.set(extra, tables);
  return tables;
}

function buildTables(extra: ExtraSignatures): SignatureTables {
  const merged: Record<string, readonly unknown[]> = { ...defaultTables };
  for (const key of Object.keys(defaultTables) as (keyof SignatureTables)[]) {
    const more = extra[key];
    if (more === undefined) continue;
    if (!Array.isArray(more)) {
      throw new TypeError(
        `classifyMessage: options.extraSignatures.${key} must be an array of table entries (see the exported ${key} table for the shape).`,
      );
    }
    merged[key] = [...defaultTables[key], ...more];
  }
  return merged as unknown as SignatureTables;
}
