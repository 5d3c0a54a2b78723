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
