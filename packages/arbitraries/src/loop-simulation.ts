import {
  addresses,
  addressKey,
  decodeEncodedWords,
  type HeaderList,
  messageId,
  parseHeaders,
} from '@mailroom/headers';
import fc from 'fast-check';

// A deterministic mail-exchange simulator and models of the agents that take part in mail loops, to prove that a
// helpdesk's loop protection ends every exchange. The helpdesk engine comes in as a parameter (structurally
// typed), so this package never imports @mailroom/loop-detector (no package cycle); loop-detector exports a
// matching `mailroomEngine`.

/** A message an agent sends; delivered after the link's latency. */
export interface SimOutgoing {
  readonly to: string;
  readonly raw: string;
}

/** A message an agent sends on its own at a given time (a person writing, a machine's first message). */
export interface SimScheduled extends SimOutgoing {
  readonly atMs: number;
}

/** What an agent did with a delivered message. */
export interface SimReceipt {
  /** The agent's verdict (`accept`, `suspend`, `reject` for helpdesks), `null` when it has none. */
  readonly verdict: string | null;
  readonly outgoing: readonly SimOutgoing[];
}

/** The kinds of agent models. */
export type SimAgentKind =
  | 'mailroom-helpdesk'
  | 'naive-autoresponder'
  | 'vacation-responder'
  | 'rotating-autoresponder'
  | 'unprotected-helpdesk'
  | 'person';

/** One participant of the exchange. Agents keep their own state; build fresh ones for every run. */
export interface SimAgent {
  readonly name: string;
  readonly kind: SimAgentKind;
  /** Whether mail to this address reaches this agent. */
  owns(address: string): boolean;
  /** Messages the agent sends on its own. */
  start(): readonly SimScheduled[];
  /** Takes one message delivered at `nowMs`: what the agent made of it and the mail it sends in answer. */
  receive(raw: string, nowMs: number): SimReceipt;
}

/** One delivered (or undeliverable) message of a run. */
export interface SimDelivery {
  /** Order in which it was sent. */
  readonly seq: number;
  readonly from: string;
  readonly to: string;
  /** The receiving agent's name, `null` when no agent owns the address (dropped). */
  readonly recipient: string | null;
  readonly sentMs: number;
  readonly deliveredMs: number;
  /** Sent by a `person` agent. */
  readonly byPerson: boolean;
  readonly verdict: string | null;
  readonly raw: string;
}

/** Options of {@link simulateExchange}. */
export interface SimulationOptions {
  /** Milliseconds from sending to delivery between two agents (by name). Default: 30 s. */
  readonly latencyMs?: (from: string, to: string) => number;
  /** Stop after this many deliveries even if mail is still in flight (then `stopped` is false). */
  readonly maxMessages: number;
}

/** The outcome of a run. */
export interface SimulationResult {
  /** True when no message was left in flight: the exchange ended by itself. */
  readonly stopped: boolean;
  readonly deliveries: readonly SimDelivery[];
  /** Time of the last delivery. */
  readonly endMs: number;
}

interface InFlight {
  readonly seq: number;
  readonly from: SimAgent;
  readonly mail: SimOutgoing;
  readonly sentMs: number;
  readonly deliverMs: number;
}

/**
 * Runs a mail exchange to its end (or to `maxMessages` deliveries): messages are delivered in time order (ties in
 * sending order) to the agent that owns the recipient address, and what it sends back is delivered after the
 * link latency. Deterministic: no clock, no randomness; the same agents and options give the same run.
 *
 * @example
 * const result = simulateExchange([helpdesk, autoresponder, person], { maxMessages: 1000 });
 * result.stopped; // true when the loop ended
 */
export function simulateExchange(agents: readonly SimAgent[], options: SimulationOptions): SimulationResult {
  if (!Number.isInteger(options.maxMessages) || options.maxMessages < 0) {
    throw new RangeError('maxMessages must be a non-negative integer');
  }
  const latency = options.latencyMs ?? (() => 30_000);
  const queue: InFlight[] = [];
  let seq = 0;
  const push = (item: InFlight): void => {
    // Binary insertion by (deliverMs, seq): the queue stays sorted, the earliest last for O(1) pop.
    let lo = 0;
    let hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = queue[mid]!;
      if (m.deliverMs > item.deliverMs || (m.deliverMs === item.deliverMs && m.seq > item.seq)) lo = mid + 1;
      else hi = mid;
    }
    queue.splice(lo, 0, item);
  };
  const owner = (address: string): SimAgent | undefined => agents.find((a) => a.owns(address));
  const send = (from: SimAgent, mail: SimOutgoing, atMs: number): void => {
    const to = owner(mail.to);
    const delay = Math.max(0, Math.round(latency(from.name, to?.name ?? mail.to)));
    push({ seq: seq++, from, mail, sentMs: atMs, deliverMs: atMs + delay });
  };
  const starts = agents.flatMap((a) => a.start().map((s) => ({ a, s })));
  starts.sort((x, y) => x.s.atMs - y.s.atMs);
  for (const { a, s } of starts) send(a, { to: s.to, raw: s.raw }, s.atMs);
  const deliveries: SimDelivery[] = [];
  let endMs = 0;
  while (queue.length > 0 && deliveries.length < options.maxMessages) {
    const item = queue.pop()!;
    const to = owner(item.mail.to);
    endMs = item.deliverMs;
    let verdict: string | null = null;
    if (to !== undefined) {
      const receipt = to.receive(item.mail.raw, item.deliverMs);
      verdict = receipt.verdict;
      for (const out of receipt.outgoing) send(to, out, item.deliverMs);
    }
    deliveries.push({
      seq: item.seq,
      from: item.from.name,
      to: item.mail.to,
      recipient: to?.name ?? null,
      sentMs: item.sentMs,
      deliveredMs: item.deliverMs,
      byPerson: item.from.kind === 'person',
      verdict,
      raw: item.mail.raw,
    });
  }
  return { stopped: queue.length === 0, deliveries, endMs };
}

// ---------------------------------------------------------------------------------------------------------------
// Message writing and reading for the models.

function rfc5322Date(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').slice(0, 300);
}

/** Writes a plain-text message with CRLF line ends. */
function writeMessage(fields: readonly (readonly [string, string])[], body: string): string {
  return `${fields.map(([n, v]) => `${n}: ${oneLine(v)}`).join('\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}\r\n`;
}

interface Inbound {
  readonly headers: HeaderList;
  readonly replyTo: string | null;
  readonly subject: string;
  readonly id: string | null;
}

function read(raw: string): Inbound {
  const headers = parseHeaders(raw);
  const reply = addresses(headers, 'reply-to')[0]?.address ?? addresses(headers, 'from')[0]?.address ?? null;
  return {
    headers,
    replyTo: reply === null || reply === '' ? null : reply,
    subject: decodeEncodedWords(headers.get('subject') ?? ''),
    id: messageId(headers),
  };
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------------
// Agent models.

/** The helpdesk model an engine builds (loop-detector's `createHelpdeskModel` fits). */
export interface SimHelpdeskModel {
  /** Takes one inbound message arriving at `nowMs`: the helpdesk's action and the mail it sends back. */
  receive(raw: string, nowMs: number): { readonly action: string; readonly outgoing: readonly SimOutgoing[] };
  /** An agent's message to `to` on a new ticket, `null` when the helpdesk suppresses it. */
  agentMessage(to: string, subject: string, text: string, nowMs: number): SimOutgoing | null;
}

/** A first message for a machine or helpdesk agent to send. */
export interface SimSeed {
  readonly to: string;
  readonly atMs: number;
}

/**
 * A helpdesk that uses a mailroom engine: every delivered message goes through `model.receive`; with a seed,
 * an agent of this helpdesk writes once to `seed.to` (e.g. another helpdesk's support address).
 *
 * @example
 * mailroomHelpdesk('A', 'support@a.example', mailroomEngine.createHelpdeskModel(policy));
 */
export function mailroomHelpdesk(
  name: string,
  address: string,
  model: SimHelpdeskModel,
  seed?: SimSeed,
): SimAgent {
  const own = addressKey(address);
  return {
    name,
    kind: 'mailroom-helpdesk',
    owns: (a) => addressKey(a) === own,
    start: () => {
      if (seed === undefined) return [];
      const mail = model.agentMessage(
        seed.to,
        'Question about your API limits',
        'Hello, could you tell us the API limits of our plan?',
        seed.atMs,
      );
      return mail === null ? [] : [{ ...mail, atMs: seed.atMs }];
    },
    receive: (raw, nowMs) => {
      const r = model.receive(raw, nowMs);
      return { verdict: r.action, outgoing: r.outgoing };
    },
  };
}

/** Options of the autoresponder models. */
export interface AutoresponderOptions {
  /** Set In-Reply-To/References to the message answered (many do; some CRMs do not). */
  readonly threads: boolean;
  /** Send a first message to this address at this time (the loop's kick-off). */
  readonly seed?: SimSeed;
}

const AUTORESPONSE_TEXT =
  'Thank you for your message. We have received it and added it to our records.\nA member of our team will look at it within two business days.\n\nKind regards,\nCustomer Care';

function answer(
  from: string,
  inbound: Inbound,
  threads: boolean,
  nowMs: number,
  n: number,
  extra: readonly (readonly [string, string])[] = [],
): SimOutgoing | null {
  if (inbound.replyTo === null) return null;
  const fields: (readonly [string, string])[] = [
    ['From', `Customer Care <${from}>`],
    ['To', `<${inbound.replyTo}>`],
    ['Subject', `Re: ${inbound.subject}`],
    ['Date', rfc5322Date(nowMs)],
    ['Message-ID', `<ar.${n}.${nowMs}@${domainOf(from)}>`],
  ];
  if (threads && inbound.id !== null)
    fields.push(['In-Reply-To', `<${inbound.id}>`], ['References', `<${inbound.id}>`]);
  fields.push(...extra, ['MIME-Version', '1.0'], ['Content-Type', 'text/plain; charset=UTF-8']);
  return { to: inbound.replyTo, raw: writeMessage(fields, AUTORESPONSE_TEXT) };
}

function seedMessage(
  from: string,
  seed: SimSeed,
  subject: string,
  extra: readonly (readonly [string, string])[] = [],
): SimScheduled {
  const raw = writeMessage(
    [
      ['From', `Customer Care <${from}>`],
      ['To', `<${seed.to}>`],
      ['Subject', subject],
      ['Date', rfc5322Date(seed.atMs)],
      ['Message-ID', `<seed.${seed.atMs}@${domainOf(from)}>`],
      ...extra,
      ['MIME-Version', '1.0'],
      ['Content-Type', 'text/plain; charset=UTF-8'],
    ],
    AUTORESPONSE_TEXT,
  );
  return { to: seed.to, raw, atMs: seed.atMs };
}

/**
 * An autoresponder that answers every message, with no Auto-Submitted header and no checks at all.
 *
 * @example
 * naiveAutoresponder('crm', 'care@shop.example', { threads: false, seed: { to: 'support@a.example', atMs: 0 } });
 */
export function naiveAutoresponder(name: string, address: string, options: AutoresponderOptions): SimAgent {
  const own = addressKey(address);
  let n = 0;
  return {
    name,
    kind: 'naive-autoresponder',
    owns: (a) => addressKey(a) === own,
    start: () =>
      options.seed === undefined ? [] : [seedMessage(address, options.seed, 'Re: Your invoice 2291')],
    receive: (raw, nowMs) => {
      const out = answer(address, read(raw), options.threads, nowMs, ++n);
      return { verdict: null, outgoing: out === null ? [] : [out] };
    },
  };
}

/**
 * An autoresponder that writes from a new address for every message (the LOOP-7 blind spot of per-sender limits);
 * it receives mail at any address of its domain.
 *
 * @example
 * rotatingAutoresponder('rot', 'notify.example', { threads: false });
 */
export function rotatingAutoresponder(name: string, domain: string, options: AutoresponderOptions): SimAgent {
  const d = domain.toLowerCase();
  let n = 0;
  const next = (): string => `reply-${(++n * 2654435761) % 1_000_003}@${d}`;
  return {
    name,
    kind: 'rotating-autoresponder',
    owns: (a) => addressKey(a)?.endsWith(`@${d}`) === true,
    start: () =>
      options.seed === undefined ? [] : [seedMessage(next(), options.seed, 'Re: Your invoice 2291')],
    receive: (raw, nowMs) => {
      const out = answer(next(), read(raw), options.threads, nowMs, n);
      return { verdict: null, outgoing: out === null ? [] : [out] };
    },
  };
}

/** Options of {@link vacationResponder}. */
export interface VacationOptions {
  /** At most one answer per sender per period (RFC 5230 `:days`, default 7 days). */
  readonly periodMs?: number;
  readonly seed?: SimSeed;
}

/**
 * An RFC 3834 / RFC 5230 vacation responder: silent for Auto-Submitted other than `no`, Precedence bulk/list/junk,
 * List-* headers, `X-Auto-Response-Suppress: All/OOF`, a null or own sender; once per sender per period; its answers
 * carry `Auto-Submitted: auto-replied`.
 *
 * @example
 * vacationResponder('ooo', 'bob@customer.example', { periodMs: 7 * 86_400_000 });
 */
export function vacationResponder(name: string, address: string, options: VacationOptions = {}): SimAgent {
  const own = addressKey(address);
  const period = options.periodMs ?? 7 * 86_400_000;
  const last = new Map<string, number>();
  let n = 0;
  const mark: readonly (readonly [string, string])[] = [['Auto-Submitted', 'auto-replied (vacation)']];
  return {
    name,
    kind: 'vacation-responder',
    owns: (a) => addressKey(a) === own,
    start: () =>
      options.seed === undefined
        ? []
        : [seedMessage(address, options.seed, 'Out of office: Your invoice 2291', mark)],
    receive: (raw, nowMs) => {
      const inbound = read(raw);
      const h = inbound.headers;
      const auto = h.getAll('auto-submitted').some(
        (v) =>
          v
            .trim()
            .toLowerCase()
            .split(/[\s;(]/)[0] !== 'no',
      );
      const precedence = /^\s*(?:bulk|list|junk)\b/i.test(h.get('precedence') ?? '');
      const list = [
        'list-id',
        'list-unsubscribe',
        'list-post',
        'list-owner',
        'list-subscribe',
        'list-help',
        'list-archive',
      ].some((x) => h.has(x));
      const xars = (h.get('x-auto-response-suppress') ?? '')
        .toLowerCase()
        .split(',')
        .map((t) => t.trim())
        .some((t) => t === 'all' || t === 'oof');
      const to = inbound.replyTo === null ? null : addressKey(inbound.replyTo);
      if (auto || precedence || list || xars || to === null || to === own)
        return { verdict: null, outgoing: [] };
      const previous = last.get(to);
      if (previous !== undefined && nowMs - previous < period) return { verdict: null, outgoing: [] };
      last.set(to, nowMs);
      const out = answer(address, inbound, true, nowMs, ++n, mark);
      return { verdict: null, outgoing: out === null ? [] : [out] };
    },
  };
}

/**
 * A helpdesk with no loop protection: it opens a ticket for every message and acknowledges it, whatever the
 * sender, without marking its own mail as automatic.
 *
 * @example
 * unprotectedHelpdesk('legacy', 'help@legacy.example', { threads: true });
 */
export function unprotectedHelpdesk(name: string, address: string, options: AutoresponderOptions): SimAgent {
  const own = addressKey(address);
  let tickets = 0;
  const ack = (to: string, subject: string, inReplyTo: string | null, nowMs: number): SimOutgoing => {
    tickets += 1;
    const fields: [string, string][] = [
      ['From', `Legacy Helpdesk <${address}>`],
      ['To', `<${to}>`],
      ['Subject', `[LH#${tickets}] Received: ${subject}`],
      ['Date', rfc5322Date(nowMs)],
      ['Message-ID', `<lh.${tickets}.${nowMs}@${domainOf(address)}>`],
    ];
    if (options.threads && inReplyTo !== null) fields.push(['In-Reply-To', `<${inReplyTo}>`]);
    fields.push(['MIME-Version', '1.0'], ['Content-Type', 'text/plain; charset=UTF-8']);
    return {
      to,
      raw: writeMessage(
        fields,
        `Your request has been logged as ticket ${tickets}. We will contact you shortly.`,
      ),
    };
  };
  return {
    name,
    kind: 'unprotected-helpdesk',
    owns: (a) => addressKey(a) === own,
    start: () =>
      options.seed === undefined
        ? []
        : [
            {
              ...ack(options.seed.to, 'Your invoice 2291', null, options.seed.atMs),
              atMs: options.seed.atMs,
            },
          ],
    receive: (raw, nowMs) => {
      const inbound = read(raw);
      if (inbound.replyTo === null || addressKey(inbound.replyTo) === own)
        return { verdict: null, outgoing: [] };
      return { verdict: null, outgoing: [ack(inbound.replyTo, inbound.subject, inbound.id, nowMs)] };
    },
  };
}

/** One message a person writes. */
export interface PersonMessage {
  readonly to: string;
  readonly atMs: number;
  readonly subject: string;
  readonly text: string;
}

/**
 * A person who writes occasionally (the given messages, as a mail client writes them) and never answers
 * automatically.
 *
 * @example
 * occasionalPerson('ann', 'ann@customer.example', [{ to: 'support@a.example', atMs: 0, subject: 'Login', text: 'I cannot log in.' }]);
 */
export function occasionalPerson(
  name: string,
  address: string,
  messages: readonly PersonMessage[],
): SimAgent {
  const own = addressKey(address);
  return {
    name,
    kind: 'person',
    owns: (a) => addressKey(a) === own,
    start: () =>
      messages.map((m, i) => ({
        to: m.to,
        atMs: m.atMs,
        raw: writeMessage(
          [
            ['From', `Ann Example <${address}>`],
            ['To', `<${m.to}>`],
            ['Subject', m.subject],
            ['Date', rfc5322Date(m.atMs)],
            ['Message-ID', `<CAF${i}x${m.atMs}@mail.gmail.com>`],
            ['MIME-Version', '1.0'],
            ['Content-Type', 'text/plain; charset="UTF-8"'],
          ],
          `${m.text}\n\nThanks,\nAnn`,
        ),
      })),
    receive: () => ({ verdict: null, outgoing: [] }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Topologies and the loop-safety property.

/** A machine counterpart of the helpdesk under test. */
export type MachineSpec =
  | {
      readonly kind: 'naive-autoresponder' | 'rotating-autoresponder' | 'unprotected-helpdesk';
      readonly threads: boolean;
      readonly seedAtMs: number;
      readonly latencyMs: number;
    }
  | { readonly kind: 'vacation-responder'; readonly seedAtMs: number; readonly latencyMs: number }
  | {
      readonly kind: 'mailroom-helpdesk';
      readonly sharing: boolean;
      readonly seedAtMs: number;
      readonly latencyMs: number;
    };

/** A generated exchange around one helpdesk under test. */
export interface LoopTopology {
  readonly machines: readonly MachineSpec[];
  readonly person: readonly { readonly atMs: number; readonly subject: string; readonly text: string }[];
  readonly personLatencyMs: number;
  readonly helpdeskLatencyMs: number;
}

/** The engine the property drives: loop-detector's `mailroomEngine` fits. `P` is its policy type. */
export interface LoopEngine<P> {
  /** The default policy of a helpdesk at `supportAddress` that treats `partnerAddresses` as partners. */
  defaultPolicy(setup: {
    readonly supportAddress: string;
    readonly partnerAddresses: readonly string[];
    readonly markerKey: Uint8Array;
  }): P;
  /** `policy` with `partners` added to its partner addresses. */
  withPartners(policy: P, partners: readonly string[]): P;
  /** The address the helpdesk on `policy` receives and sends mail at. */
  supportAddress(policy: P): string;
  /** The helpdesk under test, deciding with `policy`. */
  createHelpdeskModel(policy: P): SimHelpdeskModel;
  /** Accept tier of the policy's per-fingerprint (else per-sender) limit. */
  acceptTier(policy: P): number;
}

/**
 * Simulation start: Monday 2026-01-05 08:00 UTC.
 *
 * @example
 * new Date(SIMULATION_EPOCH_MS).toISOString(); // '2026-01-05T08:00:00.000Z'
 */
export const SIMULATION_EPOCH_MS: number = Date.UTC(2026, 0, 5, 8, 0, 0);
const MINUTE = 60_000;
/**
 * Latency bounds of one hop in generated topologies (1 s to 10 min).
 *
 * @example
 * HOP_LATENCY_MS.max; // 600000
 */
export const HOP_LATENCY_MS: { readonly min: number; readonly max: number } = Object.freeze({
  min: 1_000,
  max: 10 * MINUTE,
});
/**
 * Distinct content fingerprints a machine template can show (its seed, its first answer, its fixed point).
 *
 * @example
 * loopBound(topology, 20).messages; // uses TEMPLATE_FINGERPRINTS
 */
export const TEMPLATE_FINGERPRINTS = 3;

const WORDS = [
  'invoice',
  'login',
  'export',
  'billing',
  'printer',
  'password',
  'upgrade',
  'refund',
  'contract',
  'shipping',
  'calendar',
  'report',
  'backup',
  'license',
  'webhook',
  'mobile',
];

/**
 * Generates topologies: 1-5 machine counterparts (naive, vacation, rotating, unprotected, a second mailroom
 * helpdesk with or without sharing agreement), each kicking off once within 2 hours, and a person who writes 1-4
 * distinct messages, hop latencies 1 s-10 min. Every generated agent talks only to the helpdesk under test (a loop
 * between two machines that never touches it is out of its reach).
 *
 * @example
 * fc.sample(loopTopology(), 1)[0]?.machines.length; // 1..5
 */
export function loopTopology(): fc.Arbitrary<LoopTopology> {
  const latency = fc.integer({ min: HOP_LATENCY_MS.min, max: HOP_LATENCY_MS.max });
  const seedAt = fc.integer({ min: 0, max: 120 * MINUTE });
  const machine: fc.Arbitrary<MachineSpec> = fc.oneof(
    fc.record({
      kind: fc.constantFrom(
        'naive-autoresponder' as const,
        'rotating-autoresponder' as const,
        'unprotected-helpdesk' as const,
      ),
      threads: fc.boolean(),
      seedAtMs: seedAt,
      latencyMs: latency,
    }),
    fc.record({ kind: fc.constant('vacation-responder' as const), seedAtMs: seedAt, latencyMs: latency }),
    fc.record({
      kind: fc.constant('mailroom-helpdesk' as const),
      sharing: fc.boolean(),
      seedAtMs: seedAt,
      latencyMs: latency,
    }),
  );
  const person = fc
    .uniqueArray(
      fc.tuple(fc.integer({ min: 0, max: WORDS.length - 1 }), fc.integer({ min: 0, max: WORDS.length - 1 })),
      {
        minLength: 1,
        maxLength: 4,
        selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`,
      },
    )
    .filter((pairs) => pairs.every(([a, b]) => a !== b))
    .chain((pairs) =>
      fc.tuple(...pairs.map(() => fc.integer({ min: 0, max: 180 * MINUTE }))).map((times) =>
        pairs.map(([a, b], i) => ({
          atMs: times[i] ?? 0,
          subject: `Question about the ${WORDS[a]} and the ${WORDS[b]}`,
          text: `Hello,\n\nI have a question about the ${WORDS[a]} of my account and the ${WORDS[b]} we talked about.\nCould you look into it?`,
        })),
      ),
    );
  return fc.record({
    machines: fc.array(machine, { minLength: 1, maxLength: 5 }),
    person,
    personLatencyMs: latency,
    helpdeskLatencyMs: latency,
  });
}

/** The bound of {@link loopBound}, with its parts. */
export interface LoopBound {
  /** Deliveries at most. */
  readonly messages: number;
  /** Time of the last delivery at most (epoch ms). */
  readonly endMs: number;
}

/**
 * The bound the README derives: each person message draws at most one acknowledgement (2 deliveries); each
 * machine counterpart gets at most `acceptTier × TEMPLATE_FINGERPRINTS` automatic mails before the per-content
 * limit stops accepting its answers, and answers each once, plus its kick-off message (and one answer to it):
 * `2·P + Σ (2·T·F + 2)`. The exchange ends by `last kick-off + messages × 2 × max hop latency`.
 *
 * @example
 * loopBound(topology, 20).messages;
 */
export function loopBound(topology: LoopTopology, acceptTier: number): LoopBound {
  const messages =
    2 * topology.person.length + topology.machines.length * (2 * acceptTier * TEMPLATE_FINGERPRINTS + 2);
  const lastStart = Math.max(
    ...topology.person.map((p) => p.atMs),
    ...topology.machines.map((m) => m.seedAtMs),
  );
  return { messages, endMs: SIMULATION_EPOCH_MS + lastStart + messages * 2 * HOP_LATENCY_MS.max };
}

/** What one run of the loop-safety property found. */
export interface LoopSafetyRun {
  readonly result: SimulationResult;
  readonly bound: LoopBound;
  /** Person messages that reached the helpdesk under test and were not accepted. */
  readonly personNotAccepted: readonly SimDelivery[];
}

/**
 * Builds the agents of a topology around a helpdesk under test on `policy` and runs the exchange (up to one
 * delivery past the bound, so a loop that would not stop shows as `stopped: false`).
 *
 * @example
 * const run = runLoopTopology(topology, policy, mailroomEngine);
 * run.result.stopped && run.result.deliveries.length <= run.bound.messages;
 */
export function runLoopTopology<P>(topology: LoopTopology, policy: P, engine: LoopEngine<P>): LoopSafetyRun {
  const support = engine.supportAddress(policy);
  const key = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
  const latencies = new Map<string, number>([
    ['helpdesk', topology.helpdeskLatencyMs],
    ['person', topology.personLatencyMs],
  ]);
  const agents: SimAgent[] = [];
  const partners: string[] = [];
  topology.machines.forEach((m, i) => {
    const name = `${m.kind}-${i}`;
    latencies.set(name, m.latencyMs);
    const seed = { to: support, atMs: SIMULATION_EPOCH_MS + m.seedAtMs };
    switch (m.kind) {
      case 'naive-autoresponder':
        agents.push(naiveAutoresponder(name, `care@naive-${i}.example`, { threads: m.threads, seed }));
        break;
      case 'rotating-autoresponder':
        agents.push(rotatingAutoresponder(name, `rotate-${i}.example`, { threads: m.threads, seed }));
        break;
      case 'unprotected-helpdesk':
        agents.push(unprotectedHelpdesk(name, `help@legacy-${i}.example`, { threads: m.threads, seed }));
        break;
      case 'vacation-responder':
        agents.push(vacationResponder(name, `away@vacation-${i}.example`, { seed }));
        break;
      case 'mailroom-helpdesk': {
        const address = `support@peer-${i}.example`;
        if (m.sharing) partners.push(address);
        const peerPolicy = engine.defaultPolicy({
          supportAddress: address,
          partnerAddresses: m.sharing ? [support] : [],
          markerKey: key.map((b) => b ^ (i + 1)),
        });
        agents.push(mailroomHelpdesk(name, address, engine.createHelpdeskModel(peerPolicy), seed));
        break;
      }
    }
  });
  const tested = partners.length > 0 ? engine.withPartners(policy, partners) : policy;
  agents.unshift(mailroomHelpdesk('helpdesk', support, engine.createHelpdeskModel(tested)));
  agents.push(
    occasionalPerson(
      'person',
      'ann@customer.example',
      topology.person.map((p) => ({
        to: support,
        atMs: SIMULATION_EPOCH_MS + p.atMs,
        subject: p.subject,
        text: p.text,
      })),
    ),
  );
  const bound = loopBound(topology, engine.acceptTier(tested));
  const result = simulateExchange(agents, {
    maxMessages: bound.messages + 1,
    latencyMs: (from, to) =>
      ((latencies.get(from) ?? HOP_LATENCY_MS.max) + (latencies.get(to) ?? HOP_LATENCY_MS.max)) / 2,
  });
  const personNotAccepted = result.deliveries.filter(
    (d) => d.byPerson && d.recipient === 'helpdesk' && d.verdict !== 'accept',
  );
  return { result, bound, personNotAccepted };
}

/** Options of {@link assertLoopSafe}. */
export interface LoopSafeOptions {
  /** fast-check runs (default 60). */
  readonly numRuns?: number;
  readonly seed?: number;
  /** Report the first counterexample without shrinking it (faster when a policy is expected to fail). */
  readonly endOnFailure?: boolean;
}

/**
 * The loop-safety property, for a consumer's CI: in every generated topology around a helpdesk on `policy`, the
 * exchange stops by itself within {@link loopBound} (messages and time), and every message the person wrote is
 * accepted. Throws fast-check's counterexample report when it does not hold.
 *
 * @example
 * import { mailroomEngine, zendeskPolicy } from '@mailroom/loop-detector';
 * assertLoopSafe(zendeskPolicy({ subdomain: 'acme', markerKey }), mailroomEngine);
 */
export function assertLoopSafe<P>(policy: P, engine: LoopEngine<P>, options: LoopSafeOptions = {}): void {
  try {
    checkLoopSafe(policy, engine, options);
  } catch (error) {
    // fast-check keeps the predicate's own message in `cause`; put it in the message a CI log shows.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    const report = error instanceof Error ? error.message : String(error);
    throw new Error(cause === '' ? report : `${cause}\n${report}`, { cause: error });
  }
}

function checkLoopSafe<P>(policy: P, engine: LoopEngine<P>, options: LoopSafeOptions): void {
  fc.assert(
    fc.property(loopTopology(), (topology) => {
      const run = runLoopTopology(topology, policy, engine);
      if (!run.result.stopped)
        throw new Error(`the exchange did not stop within ${run.bound.messages} messages`);
      if (run.result.endMs > run.bound.endMs)
        throw new Error(`the exchange ended at ${run.result.endMs}, after the bound ${run.bound.endMs}`);
      if (run.personNotAccepted.length > 0) {
        throw new Error(
          `person mail not accepted: ${run.personNotAccepted.map((d) => d.verdict).join(', ')}`,
        );
      }
    }),
    {
      numRuns: options.numRuns ?? 60,
      endOnFailure: options.endOnFailure ?? false,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    },
  );
}
