import { addressKey, createHeaderList } from '@mailroom/headers';
import type { CompiledPolicy } from './compiled.js';

/** What an address is to this helpdesk, as the requester resolver sees it (LOOP-3, LOOP-4). */
export type AddressRole = 'support-address' | 'system-address' | 'partner-address' | 'invalid' | null;

/**
 * Asks the requester resolver (which owns address matching: aliases, patterns, IDN) what `address` is, by
 * resolving a one-line header block that copies it. No matching logic of our own.
 */
export function addressRole(address: string, compiled: CompiledPolicy): AddressRole {
  if (addressKey(address) === null) return 'invalid';
  const headers = createHeaderList([
    { name: 'From', value: '<probe@role-probe.invalid>' },
    { name: 'To', value: `<${address.replace(/[<>\r\n]/g, '')}>` },
  ]);
  const result = compiled.resolve(headers);
  for (const e of result.excluded) {
    if (e.field.toLowerCase() !== 'to') continue;
    if (e.reason === 'support-address' || e.reason === 'system-address' || e.reason === 'partner-address') {
      return e.reason;
    }
    if (e.reason === 'invalid') return 'invalid';
  }
  return null;
}
