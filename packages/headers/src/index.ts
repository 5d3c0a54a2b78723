export type { AddressListOptions, Mailbox } from './addresses.js';
export { addresses, addressKey, DEFAULT_MAX_ADDRESSES, parseAddressList } from './addresses.js';
export type { ContentType } from './content-type.js';
export { contentType, parseContentType } from './content-type.js';
export { messageDate, parseDate } from './date.js';
export { decodeEncodedWords } from './encoded-words.js';
export type { HeaderDefect, HeaderDefectCode, HeaderField } from './header-list.js';
export { createHeaderList, HeaderList } from './header-list.js';
export { inReplyTo, messageId, parseMessageIds, references } from './message-ids.js';
export type {
  AttachedMessage,
  MimeDefect,
  MimeDefectCode,
  MimeDisposition,
  MimeLimits,
  MimePart,
  MimeWalkOptions,
  PartDecodeOptions,
} from './mime-parts.js';
export {
  attachedMessages,
  DEFAULT_MIME_LIMITS,
  MimeWalk,
  mimeParts,
  partBytes,
  partText,
  textBody,
} from './mime-parts.js';
export type { HeaderLimits, ParseHeadersOptions } from './parse.js';
export { DEFAULT_HEADER_LIMITS, parseHeaders } from './parse.js';
export type { ParsedMailLike } from './parsed-mail.js';
export { fromParsedMail } from './parsed-mail.js';
export type { ReceivedHop } from './received.js';
export { parseReceived, receivedChain } from './received.js';
export type { SerializeOptions } from './serialize.js';
export { serializeHeaders } from './serialize.js';
