/**
 * Every regular expression the classifier's own code runs (the data tables carry theirs). Exported so that a test
 * can run a ReDoS checker over all of them; each is linear (no nested or overlapping quantifiers) and is only ever
 * applied to values already cut to `limits.maxValueLength` or `limits.maxBodyScan`.
 */
export const CLASSIFIER_PATTERNS: {
  readonly whitespaceRun: RegExp;
  readonly lineBreak: RegExp;
  readonly angleBrackets: RegExp;
  readonly dsnStatus: RegExp;
  readonly actionEnd: RegExp;
  readonly localPartSeparators: RegExp;
  readonly nullPath: RegExp;
} = Object.freeze({
  whitespaceRun: /\s+/g,
  lineBreak: /\r?\n/,
  angleBrackets: /^<|>$/g,
  dsnStatus: /^([245])\.(\d{1,3})\.(\d{1,3})/,
  actionEnd: /[\s;]/,
  localPartSeparators: /[._-]/g,
  nullPath: /^<\s*>$/,
});
