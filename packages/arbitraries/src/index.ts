export const placeholder = 1;
export {
  autoReplyMessage,
  bounceMessage,
  bulkMessage,
  helpdeskMessage,
  humanMessage,
  listMessage,
  outOfOfficeMessage,
} from './mail-kinds.js';
