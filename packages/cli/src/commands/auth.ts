import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type AuthMode,
  type AuthRoute,
  type AuthVerdict,
  createMemoryResolver,
  type DnsZone,
  evaluateAuthentication,
} from '@mailroom/mail-auth';
import { type Command, EXIT } from '../command.js';

const MODES: readonly AuthMode[] = ['off', 'minimal', 'native', 'native-and-forwarded'];
const ROUTES: readonly AuthRoute[] = ['native', 'forwarded', 'connector'];

const usage = `usage: mailroom auth <file.eml> --zone zone.json --ip <client ip> --helo <name> --mail-from <address>
                     [--route native|forwarded|connector] [--mode off|minimal|native|native-and-forwarded]
                     [--authserv-id <name>] [--now <ISO date>] [--trusted-sealer <domain>]...
                     [--trusted-authserv-id <name>]... [--protected-domain <domain>]...
                     [--connector <id> --connector-domain <domain>...] [--json]

Evaluates DKIM, SPF, DMARC and ARC for one message with @mailroom/mail-auth, answering DNS from the zone file
(no network), and prints the verdict, its reasons and the Authentication-Results value to stamp.

  --zone            JSON zone: { "name": { "TXT": [...], "A": [...], "MX": [{"exchange","priority"}], "CNAME": "..." } }
  --mail-from       MAIL FROM; "" or <> for the null sender
  --route           how the message arrived (default native)
  --mode            enforcement mode (default native, the "Enhanced" mode)
  --now             the clock for DKIM expiry (default: the current time)
  --connector       the message came over this authenticated connector (with --route connector)
  --json            print the whole verdict as JSON

Exit status: 0 when the disposition is accept, 1 when it is suspend, reject or defer, 2 on a usage error.`;

function printVerdict(v: AuthVerdict): string {
  const lines = [
    `verdict: ${v.authenticated ? 'authenticated' : 'not authenticated'}${v.method === null ? '' : ` (${v.method})`}`,
    `disposition: ${v.disposition}${v.temporary ? ' (temporary)' : ''}`,
    `from: ${v.fromAddress ?? '-'} (domain ${v.fromDomain ?? '-'})`,
    `dmarc: ${v.dmarc.result}${v.dmarc.policy === undefined ? '' : ` policy=${v.dmarc.policy}`}${v.dmarc.skipReason === undefined ? '' : ` (${v.dmarc.skipReason})`}`,
    `spf: ${v.spf.result} ${v.spf.identity}=${v.spf.domain}${v.spf.aligned ? ' aligned' : ''}`,
    ...v.dkim.map(
      (d) =>
        `dkim: ${d.result} d=${d.domain} s=${d.selector} a=${d.algorithm}${d.counted ? ' counted' : ''}${d.aligned ? ' aligned' : ''}${d.note === undefined ? '' : ` (${d.note})`}`,
    ),
    `arc: ${v.arc.result}${v.arc.sealer === undefined ? '' : ` sealer=${v.arc.sealer}${v.arc.trusted ? ' (trusted)' : ''}`}`,
    `reasons: ${v.reasons.length === 0 ? '-' : v.reasons.join(', ')}`,
    `dns: ${v.dnsQueries} queries`,
    `Authentication-Results: ${v.authenticationResults}`,
  ];
  return `${lines.join('\n')}\n`;
}

async function run(args: readonly string[], io: Parameters<Command['run']>[1]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        zone: { type: 'string' },
        ip: { type: 'string' },
        helo: { type: 'string' },
        'mail-from': { type: 'string' },
        route: { type: 'string', default: 'native' },
        mode: { type: 'string', default: 'native' },
        'authserv-id': { type: 'string', default: 'mailroom.invalid' },
        now: { type: 'string' },
        'trusted-sealer': { type: 'string', multiple: true, default: [] },
        'trusted-authserv-id': { type: 'string', multiple: true, default: [] },
        'protected-domain': { type: 'string', multiple: true, default: [] },
        connector: { type: 'string' },
        'connector-domain': { type: 'string', multiple: true, default: [] },
        json: { type: 'boolean', default: false },
      },
    });
  try {
    parsed = parse();
  } catch (err) {
    io.stderr(`mailroom auth: ${(err as Error).message}\n\n${usage}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  const problems: string[] = [];
  if (file === undefined || positionals.length > 1) problems.push('give exactly one message file');
  if (values.zone === undefined) problems.push('--zone is required');
  if (values.ip === undefined) problems.push('--ip is required');
  if (values.helo === undefined) problems.push('--helo is required');
  if (values['mail-from'] === undefined) problems.push('--mail-from is required ("" for the null sender)');
  if (!ROUTES.includes(values.route as AuthRoute))
    problems.push(`--route must be one of ${ROUTES.join(', ')}`);
  if (!MODES.includes(values.mode as AuthMode)) problems.push(`--mode must be one of ${MODES.join(', ')}`);
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) problems.push('--now must be a date such as 2026-03-02T09:16:30Z');
  if (values.connector !== undefined && values.route !== 'connector')
    problems.push('--connector needs --route connector');
  if (problems.length > 0 || file === undefined || values.zone === undefined) {
    io.stderr(`mailroom auth: ${problems.join('; ')}\n\n${usage}\n`);
    return EXIT.usage;
  }

  let message: Uint8Array;
  let zone: DnsZone;
  try {
    message = await readFile(resolve(io.cwd, file));
    zone = JSON.parse(await readFile(resolve(io.cwd, values.zone), 'utf8')) as DnsZone;
  } catch (err) {
    io.stderr(`mailroom auth: ${(err as Error).message}\n`);
    return EXIT.someInputsFailed;
  }
  const mailFrom = (values['mail-from'] ?? '').replace(/^<(.*)>$/, '$1');
  try {
    const verdict = await evaluateAuthentication(
      {
        message,
        envelope: {
          clientIp: values.ip ?? '',
          helo: values.helo ?? '',
          mailFrom: mailFrom === '' ? null : mailFrom,
          rcptTo: [],
        },
        route: values.route as AuthRoute,
        ...(values.connector === undefined
          ? {}
          : {
              relay: {
                authenticated: true,
                connectorId: values.connector,
                allowedDomains: values['connector-domain'],
              },
            }),
        now,
      },
      {
        authservId: values['authserv-id'],
        mode: values.mode as AuthMode,
        trustedArcSealers: values['trusted-sealer'],
        trustedAuthservIds: values['trusted-authserv-id'],
        protectedDomains: values['protected-domain'],
      },
      createMemoryResolver(zone),
    );
    io.stdout(values.json ? `${JSON.stringify(verdict, null, 2)}\n` : printVerdict(verdict));
    return verdict.disposition === 'accept' ? EXIT.ok : EXIT.findings;
  } catch (err) {
    // evaluateAuthentication throws only for a malformed call: here, a bad zone file or option.
    io.stderr(`mailroom auth: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
}

/** `mailroom auth`: the authentication verdict of one message against a zone file. */
export const auth: Command = {
  name: 'auth',
  summary: 'DKIM/SPF/DMARC/ARC verdict of one message against a DNS zone file (no network)',
  usage,
  run,
};
