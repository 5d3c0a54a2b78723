/**
 * Every regular expression the classifier's own code runs (the data tables carry theirs). Exported so that a test
 * can run a ReDoS checker over all of them; each is linear (no nested or overlapping quantifiers) and is only ever
 * applied to values already cut to `limits.maxValueLength` or `limits.maxBodyScan`.
 */
export const CLASSIFIER_PATTERNS: {
  readonly notBase64: RegExp;
  readonly whitespaceRun: RegExp;
  readonly softLineBreak: RegExp;
  readonly quotedPrintableByte: RegExp;
  readonly lineBreak: RegExp;
  readonly angleBrackets: RegExp;
  readonly dsnStatus: RegExp;
  readonly actionEnd: RegExp;
  readonly localPartSeparators: RegExp;
  readonly nullPath: RegExp;
} = Object.freeze({
  notBase64: /[^A-Za-z0-9+/]/g,
  whitespaceRun: /\s+/g,
  softLineBreak: /=\r?\n/g,
  quotedPrintableByte: /=([0-9A-Fa-f]{2})/g,
  lineBreak: /\r?\n/,
  angleBrackets: /^<|>$/g,
  dsnStatus: /^([245])\.(\d{1,3})\.(\d{1,3})/,
  actionEnd: /[\s;]/,
  localPartSeparators: /[._-]/g,
  nullPath: /^<\s*>$/,
});
