// The small part of libmime that @mailroom/headers calls (libmime ships no type declarations).
declare module 'libmime' {
  interface Libmime {
    decodeWord(charset: string, encoding: string, text: string): string;
    decodeFlowed(text: string, delSp?: boolean): string;
  }
  const libmime: Libmime;
  export default libmime;
}

declare module 'punycode.js' {
  interface Punycode {
    toUnicode(domain: string): string;
    toASCII(domain: string): string;
  }
  const punycode: Punycode;
  export default punycode;
}
