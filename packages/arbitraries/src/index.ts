// Base set (issue 2): addresses, header fields and blocks, messages, hostile input.
export type {
  AddressKind,
  AddressListOptions,
  AddressOptions,
  GeneratedAddress,
  GeneratedAddressList,
  GeneratedMailbox,
  MailboxOptions,
} from './addresses.js';
export { ADDRESS_KINDS, address, addressList, mailbox } from './addresses.js';
export type { CharsetRepertoire, EncodedWordCharset } from './charsets.js';
export { ENCODED_WORD_CHARSETS, encodeCharset } from './charsets.js';
export type { EncodedWordEncoding } from './encoded-words.js';
export { encodeWords } from './encoded-words.js';
// Forwarded mail and list posts (issue 4, requester-resolver): each yields the raw message and the original sender.
export type {
  ForwardClient,
  ForwardedMessageOptions,
  ForwardLanguage,
  GeneratedForwardedMessage,
  GeneratedListPost,
  GeneratedPerson,
  ListPostMessageOptions,
  ListSoftware,
} from './forwarding.js';
export { forwardedMessage, listPostMessage } from './forwarding.js';
export type {
  GeneratedHeaderBlock,
  GeneratedHeaderField,
  HeaderBlockOptions,
  HeaderFieldOptions,
  LineEnding,
} from './header-fields.js';
export { headerBlock, headerField } from './header-fields.js';
export type { GeneratedHostileBlock, HostileHeaderBlockOptions, HostileKind } from './hostile.js';
export { BROKEN_ENCODED_WORDS, hostileHeaderBlock, PROTOTYPE_NAMES } from './hostile.js';
// Loop simulation (issue 8): a deterministic mail-exchange simulator, agent models and the loop-safety property.
export type {
  AutoresponderOptions,
  LoopBound,
  LoopEngine,
  LoopSafeOptions,
  LoopSafetyRun,
  LoopTopology,
  MachineSpec,
  PersonMessage,
  SimAgent,
  SimAgentKind,
  SimDelivery,
  SimHelpdeskModel,
  SimOutgoing,
  SimReceipt,
  SimScheduled,
  SimSeed,
  SimulationOptions,
  SimulationResult,
  VacationOptions,
} from './loop-simulation.js';
export {
  assertLoopSafe,
  HOP_LATENCY_MS,
  loopBound,
  loopTopology,
  mailroomHelpdesk,
  naiveAutoresponder,
  occasionalPerson,
  rotatingAutoresponder,
  runLoopTopology,
  SIMULATION_EPOCH_MS,
  simulateExchange,
  TEMPLATE_FINGERPRINTS,
  unprotectedHelpdesk,
  vacationResponder,
} from './loop-simulation.js';
// Mail kinds (issue 3, header-classifier): raw CRLF messages of one kind each.
export {
  autoReplyMessage,
  bounceMessage,
  bulkMessage,
  helpdeskMessage,
  humanMessage,
  listMessage,
  outOfOfficeMessage,
} from './mail-kinds.js';
export type { GeneratedMessage, MessageOptions } from './messages.js';
export { message } from './messages.js';
