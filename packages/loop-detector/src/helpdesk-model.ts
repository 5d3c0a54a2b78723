import { decodeEncodedWords, messageId, parseHeaders } from '@mailroom/headers';
import { createKeyedStore, type MultiWindowState, type TieredState } from '@mailroom/rate-limiter';
import { compilePolicy } from './compiled.js';
import { decideInbound, type InboundDecision } from './inbound.js';
import { planNotification } from './outbound.js';
import { createPolicy, type LoopPolicy } from './policy.js';

/** A message a model sends. */
export interface ModelMail {
  readonly to: string;
  readonly raw: string;
}

/** What a helpdesk model did with one inbound message. */
export interface ModelResult {
  readonly action: InboundDecision['action'];
  readonly decision: InboundDecision;
  readonly outgoing: readonly ModelMail[];
}

/** A reference helpdesk wired from this package's pure parts (see {@link createHelpdeskModel}). */
export interface HelpdeskModel {
  /** Takes one inbound message arriving at `nowMs`: the inbound decision and the mail the helpdesk sends back. */
  receive(raw: string, nowMs: number): ModelResult;
  /** An agent's message to `to` on a new ticket (LOOP-1 `agent` kind, with a comment); `null` when
   * `planNotification` suppresses it (a partner, support or system address). */
  agentMessage(to: string, subject: string, text: string, nowMs: number): ModelMail | null;
}

function clean(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').slice(0, 200);
}

function date(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/**
 * A reference helpdesk built from the pure parts, as a consumer would wire them: `decideInbound` with limiter
 * states in bounded in-memory stores; a new ticket for every accepted message that does not answer one of our
 * notifications; an automatic acknowledgement ("Received: …") planned with `planNotification` (which applies
 * LOOP-1…LOOP-5 and the outbound limit) and stamped with `outboundHeaders`. Requesters' own updates notify no one
 * but agents (as in Zendesk's default triggers). The loop simulator of @mailroom/arbitraries drives it.
 *
 * @rule LOOP-1, LOOP-2, LOOP-4, LOOP-5, LOOP-6, LOOP-7, OUT-1, OUT-3
 * @example
 * const helpdesk = createHelpdeskModel(createPolicy({ supportAddresses: ['help@acme.example'], markerKey }));
 * const { action, outgoing } = helpdesk.receive(raw, Date.parse('2026-11-22T10:00:00Z'));
 */
export function createHelpdeskModel(policy: LoopPolicy): HelpdeskModel {
  const compiled = compilePolicy(policy);
  const inbound = createKeyedStore<TieredState>({
    maxKeys: 50_000,
    idleMs: Math.max(compiled.senderLimiter.idleMs, compiled.fingerprintLimiter?.idleMs ?? 0),
  });
  const outbound = createKeyedStore<MultiWindowState>({
    maxKeys: 50_000,
    idleMs: compiled.outboundLimiter.idleMs,
  });
  let tickets = 0;
  let notifications = 0;
  const compose = (
    from: string,
    to: string,
    subject: string,
    headers: readonly { name: string; value: string }[],
    text: string,
    nowMs: number,
  ): ModelMail => ({
    to,
    raw: [
      `From: <${from}>`,
      `To: <${to}>`,
      `Subject: ${clean(subject)}`,
      `Date: ${date(nowMs)}`,
      ...headers.map((h) => `${h.name}: ${h.value}`),
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      text,
      '',
    ].join('\r\n'),
  });
  return {
    agentMessage(to, subject, text, nowMs) {
      tickets += 1;
      notifications += 1;
      const plan = planNotification(
        { kind: 'agent', hasComment: true, recipients: [to], id: `n${notifications}`, nowMs },
        { id: String(tickets) },
        policy,
      );
      const first = plan.send[0];
      return first === undefined
        ? null
        : compose(plan.from, first, `[#${tickets}] ${subject}`, plan.headers, text, nowMs);
    },
    receive(raw, nowMs) {
      const decision = decideInbound(
        { headers: raw, nowMs, limitState: (k: string) => inbound.get(k, nowMs) },
        policy,
      );
      for (const u of decision.limitUpdates) inbound.set(u.key, u.state, nowMs);
      const outgoing: ModelMail[] = [];
      if (decision.action !== 'accept' || decision.requester === null)
        return { action: decision.action, decision, outgoing };
      if (decision.repliesTo !== null) return { action: decision.action, decision, outgoing };
      tickets += 1;
      const ticket = String(tickets);
      notifications += 1;
      const headers = parseHeaders(raw);
      const inReplyTo = messageId(headers);
      const plan = planNotification(
        {
          kind: 'automatic',
          hasComment: false,
          recipients: [decision.requester],
          id: `n${notifications}`,
          nowMs,
          limitState: (key: string) => outbound.get(key, nowMs),
          ...(inReplyTo === null ? {} : { inReplyTo: `<${inReplyTo}>` }),
        },
        {
          id: ticket,
          suppress: decision.suppress,
          recipient: decision.resolution.recipient?.address ?? null,
        },
        policy,
      );
      for (const u of plan.limitUpdates) outbound.set(u.key, u.state, nowMs);
      const subject = clean(decodeEncodedWords(headers.get('subject') ?? ''));
      for (const to of plan.send) {
        outgoing.push(
          compose(
            plan.from,
            to,
            `[#${ticket}] Received: ${subject}`,
            plan.headers,
            `We received your request #${ticket}. An agent will answer you soon.`,
            nowMs,
          ),
        );
      }
      return { action: decision.action, decision, outgoing };
    },
  };
}

/** What the loop simulator of @mailroom/arbitraries needs from a helpdesk engine (structurally typed there). */
export interface MailroomEngine {
  /** The default policy of a helpdesk at `supportAddress` that treats `partnerAddresses` as partners (LOOP-3). */
  defaultPolicy(setup: {
    readonly supportAddress: string;
    readonly partnerAddresses: readonly string[];
    readonly markerKey: Uint8Array;
  }): LoopPolicy;
  /** `policy` with `partners` added to its partner addresses (mailroom peers then count as partners, LOOP-3,
   * no longer as another helpdesk, LOOP-2). */
  withPartners(policy: LoopPolicy, partners: readonly string[]): LoopPolicy;
  /** The address the helpdesk on `policy` receives and sends mail at. */
  supportAddress(policy: LoopPolicy): string;
  /** A reference helpdesk deciding with `policy` ({@link createHelpdeskModel}). */
  createHelpdeskModel(policy: LoopPolicy): HelpdeskModel;
  /** The most automatic mails one machine counterpart can draw from a helpdesk on this policy, per template
   * fingerprint: the accept tier of the fingerprint limit, else of the sender limit. */
  acceptTier(policy: LoopPolicy): number;
}

/**
 * This package as an engine for `assertLoopSafe` and `simulateExchange` of @mailroom/arbitraries (which does not
 * import loop-detector, so there is no package cycle): `assertLoopSafe(policy, mailroomEngine)`.
 *
 * @rule LOOP-6, LOOP-7
 * @example
 * import { assertLoopSafe } from '@mailroom/arbitraries';
 * assertLoopSafe(myPolicy, mailroomEngine);
 */
export const mailroomEngine: MailroomEngine = Object.freeze({
  defaultPolicy: (setup: {
    supportAddress: string;
    partnerAddresses: readonly string[];
    markerKey: Uint8Array;
  }) =>
    createPolicy({
      supportAddresses: [setup.supportAddress],
      partnerAddresses: setup.partnerAddresses,
      markerKey: setup.markerKey,
    }),
  withPartners: (policy: LoopPolicy, partners: readonly string[]) =>
    createPolicy({
      ...policy,
      partnerAddresses: [...policy.partnerAddresses, ...partners],
      extraSignatures: {
        ...policy.extraSignatures,
        helpdesks: (policy.extraSignatures.helpdesks ?? []).filter((h) => h.product !== 'mailroom'),
      },
    }),
  supportAddress: (policy: LoopPolicy) => {
    const first = policy.supportAddresses[0];
    return first === undefined ? policy.defaultSender : typeof first === 'string' ? first : first.address;
  },
  createHelpdeskModel,
  acceptTier: (policy: LoopPolicy) =>
    (policy.fingerprintLimit ?? policy.inboundLimit).tiers.find((t) => t.outcome === 'accept')?.upTo ?? 0,
});
