import type { HeaderList } from './header-list.js';

const MONTHS: ReadonlyMap<string, number> = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i]),
);

// Obsolete zone names of RFC 5322 §4.3, in minutes east of UTC. Military letters count as -0000 (unknown).
const ZONES: ReadonlyMap<string, number> = new Map([
  ['ut', 0],
  ['utc', 0],
  ['gmt', 0],
  ['z', 0],
  ['est', -300],
  ['edt', -240],
  ['cst', -360],
  ['cdt', -300],
  ['mst', -420],
  ['mdt', -360],
  ['pst', -480],
  ['pdt', -420],
]);

const COMMENT = /\([^()]*\)/g;
// The form nearly every server writes: `[Day,] 1 Jul 2003 10:52:37 +0200`.
const CANONICAL =
  /^\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+([+-])(\d{2})(\d{2})(?:\s|$)/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const NUMERIC_ZONE = /^([+-])(\d{2})(\d{2})$/;

/**
 * Parses an RFC 5322 date-time (with the obsolete forms: two-digit years, zone names, comments, missing
 * seconds or weekday, and the asctime order `Mon Jan  2 15:04:05 2006`) into epoch milliseconds, or `null`.
 *
 * @example
 * parseDate('Tue, 1 Jul 2003 10:52:37 +0200'); // 1057049557000
 */
export function parseDate(value: string): number | null {
  if (value.length > 200) return null;
  const c = CANONICAL.exec(value);
  const cMonth = c ? MONTHS.get(c[2]!.toLowerCase()) : undefined;
  if (c && cMonth !== undefined) {
    const [d, y, h, m, s] = [Number(c[1]), Number(c[3]), Number(c[4]), Number(c[5]), Number(c[6])];
    if (d >= 1 && d <= 31 && h <= 23 && m <= 59 && s <= 60) {
      const offset = (c[7] === '-' ? -1 : 1) * (Number(c[8]) * 60 + Number(c[9]));
      return Date.UTC(y, cMonth, d, h, m, Math.min(s, 59)) - offset * 60_000;
    }
  }
  const tokens = value
    .replace(COMMENT, ' ')
    .split(/[\s,]+/)
    .filter(Boolean);
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  let time: [number, number, number] | undefined;
  let offset: number | undefined;
  for (const token of tokens) {
    const lower = token.toLowerCase();
    const t = TIME.exec(token);
    if (t) {
      if (time === undefined) time = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];
      continue;
    }
    const z = NUMERIC_ZONE.exec(token);
    if (z && time !== undefined) {
      if (offset === undefined) offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
      continue;
    }
    const monthIndex = MONTHS.get(lower.slice(0, 3));
    if (monthIndex !== undefined && /^[a-z]+\.?$/.test(lower) && month === undefined) {
      month = monthIndex;
      continue;
    }
    if (/^\d{1,4}$/.test(token)) {
      const n = Number(token);
      if (day === undefined && token.length <= 2 && (year === undefined || month !== undefined)) day = n;
      else if (year === undefined)
        year = token.length === 4 ? n : token.length === 3 ? n + 1900 : n < 50 ? 2000 + n : 1900 + n;
      continue;
    }
    if (time !== undefined && offset === undefined && ZONES.has(lower)) offset = ZONES.get(lower);
  }
  if (day === undefined || month === undefined || year === undefined || time === undefined) return null;
  const [h, m, s] = time;
  if (day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return null;
  const ms = Date.UTC(year, month, day, h, m, Math.min(s, 59)) - (offset ?? 0) * 60_000;
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The message's `Date` as epoch milliseconds, or `null` when absent or unreadable.
 *
 * @example
 * messageDate(parseHeaders('Date: Tue, 1 Jul 2003 10:52:37 +0200\r\n\r\n')); // 1057049557000
 */
export function messageDate(list: HeaderList): number | null {
  const value = list.get('date');
  return value === undefined ? null : parseDate(value);
}
