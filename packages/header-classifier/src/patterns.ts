/**
 * Every regular expression the classifier's own code runs (the data tables carry theirs). Exported so that a test
 * can run a ReDoS checker over all of them; each is linear (no nested or overlapping quantifiers) and is only ever
 * applied to values already cut to `limits.maxValueLength` or `limits.maxBodyScan`.
 */
export const CLASSIFIER_PATTERNS: {
  readonly encodedWord: RegExp;
  readonly spaceBetweenEncodedWords: RegExp;
  readonly notBase64: RegExp;
  readonly hexPair: RegExp;
  readonly whitespace: RegExp;
  readonly whitespaceRun: RegExp;
  readonly mailtoPrefix: RegExp;
  readonly quotes: RegExp;
  readonly softLineBreak: RegExp;
  readonly quotedPrintableByte: RegExp;
  readonly lineBreak: RegExp;
  readonly angleBrackets: RegExp;
  readonly dsnStatus: RegExp;
  readonly actionEnd: RegExp;
  readonly localPartSeparators: RegExp;
  readonly nullPath: RegExp;
} = Object.freeze({
  encodedWord: /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g,
  spaceBetweenEncodedWords: /\?=[ \t]+=\?/g,
  notBase64: /[^A-Za-z0-9+/]/g,
  hexPair: /^[0-9A-Fa-f]{2}$/,
  whitespace: /\s/,
  whitespaceRun: /\s+/g,
  mailtoPrefix: /^mailto:/i,
  quotes: /["']/g,
  softLineBreak: /=\r?\n/g,
  quotedPrintableByte: /=([0-9A-Fa-f]{2})/g,
  lineBreak: /\r?\n/,
  angleBrackets: /^<|>$/g,
  dsnStatus: /^([245])\.(\d{1,3})\.(\d{1,3})/,
  actionEnd: /[\s;]/,
  localPartSeparators: /[._-]/g,
  nullPath: /^<\s*>$/,
});
