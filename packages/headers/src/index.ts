export type { HeaderDefect, HeaderDefectCode, HeaderField } from './header-list.js';
export { createHeaderList, HeaderList } from './header-list.js';
export type { HeaderLimits, ParseHeadersOptions } from './parse.js';
export { DEFAULT_HEADER_LIMITS, parseHeaders } from './parse.js';
