export const placeholder = 1;
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
export {
  autoReplyMessage,
  bounceMessage,
  bulkMessage,
  helpdeskMessage,
  humanMessage,
  listMessage,
  outOfOfficeMessage,
} from './mail-kinds.js';
