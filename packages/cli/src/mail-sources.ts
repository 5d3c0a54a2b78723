import type { Dirent } from 'node:fs';
import { type FileHandle, open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { looksLikeMbox, MboxSplitter } from './mbox-splitter.js';

/** One message read from the inputs, before parsing. */
export interface SourcedMessage {
  readonly kind: 'message';
  /** How rows name it: the path as given, `path#N` for an mbox, the file name in a Maildir. */
  readonly file: string;
  /** The file that holds it. */
  readonly path: string;
  /** 1-based position in an mbox, else `null`. */
  readonly index: number | null;
  readonly bytes: Uint8Array;
  /** The message was longer than `maxMessageBytes`; `bytes` holds its start. */
  readonly truncated: boolean;
}

/** An input (or a file or folder inside it) that could not be read. */
export interface SourceFailure {
  readonly kind: 'failure';
  readonly path: string;
  /** What went wrong, for a person: `no such file or directory`, `permission denied`, ... */
  readonly reason: string;
}

/** What {@link readMailSources} yields, in a stable order. */
export type SourceEvent = SourcedMessage | SourceFailure;

/** Bounds for {@link readMailSources}. */
export interface MailSourceOptions {
  /** Bytes of one message kept at most (default 64 MiB); the rest is not read. */
  readonly maxMessageBytes?: number;
  /** Folder levels followed at most below an input (default 64). */
  readonly maxDepth?: number;
}

/** The default for {@link MailSourceOptions.maxMessageBytes}. */
export const DEFAULT_MAX_MESSAGE_BYTES: number = 64 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 64;
const CHUNK_BYTES = 1024 * 1024;

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return `${REASONS[code] ?? 'cannot be read'} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** Code-unit order: the same on every machine and locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How a file name says what the file holds: `.eml`, `.mbox`, or `mbox` (inside Apple Mail's `.mbox` bundles). */
function mailFileKind(name: string): 'eml' | 'mbox' | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.eml')) return 'eml';
  if (lower.endsWith('.mbox') || lower === 'mbox') return 'mbox';
  return null;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** A Maildir has a `cur` or `new` folder (RFC-less but universal: qmail, Dovecot, Courier, mbsync). */
async function isMaildir(path: string): Promise<boolean> {
  return (await isDirectory(join(path, 'cur'))) || (await isDirectory(join(path, 'new')));
}

async function readStart(path: string, max: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const want = Math.min(size, max);
    const buffer = new Uint8Array(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await handle.read(buffer, got, want - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    // The size may have changed since stat: one more byte read says whether there is more.
    const probe = new Uint8Array(1);
    const more = got === want && (await handle.read(probe, 0, 1, got)).bytesRead > 0;
    return { bytes: got === want ? buffer : buffer.subarray(0, got), truncated: more };
  } finally {
    await handle.close();
  }
}

/**
 * Reads mail from the given paths, in order, yielding one event per message and one per input that could not be
 * read (the run goes on). A path can be a message file (`.eml` or any other file), an mbox file (a file that
 * starts with a `From ` line; split as it streams in), a Maildir (`cur/` and `new/`, sorted by file name), or a
 * folder, walked recursively in name order for `.eml` and `.mbox` files and Maildirs. Hidden entries are skipped.
 *
 * @example
 * for await (const event of readMailSources(['examples/mail'], '/repo')) {
 *   if (event.kind === 'message') parseHeaders(event.bytes);
 * }
 */
export async function* readMailSources(
  paths: readonly string[],
  cwd: string,
  options: MailSourceOptions = {},
): AsyncGenerator<SourceEvent> {
  const reader = new SourceReader(cwd, options);
  for (const path of paths) yield* reader.input(path);
}

class SourceReader {
  readonly #cwd: string;
  readonly #maxMessageBytes: number;
  readonly #maxDepth: number;

  constructor(cwd: string, options: MailSourceOptions) {
    this.#cwd = cwd;
    this.#maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.#maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  }

  #resolve(path: string): string {
    return isAbsolute(path) ? path : resolve(this.#cwd, path);
  }

  async *input(path: string): AsyncGenerator<SourceEvent> {
    const full = this.#resolve(path);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(full);
    } catch (error) {
      yield { kind: 'failure', path, reason: reasonOf(error) };
      return;
    }
    if (info.isDirectory()) {
      const name = basename(full);
      if ((name === 'cur' || name === 'new') && (await isMaildir(dirname(full)))) {
        yield* this.#maildirFolder(path, full);
      } else {
        yield* this.#directory(path, full, 0, new Set());
      }
    } else {
      yield* this.#file(path, full);
    }
  }

  /** `ancestors`: real paths of the folders above this one in the walk; a symbolic link back to one is a cycle. */
  async *#directory(
    path: string,
    full: string,
    depth: number,
    ancestors: ReadonlySet<string>,
  ): AsyncGenerator<SourceEvent> {
    if (depth > this.#maxDepth) {
      yield { kind: 'failure', path, reason: `nested deeper than ${this.#maxDepth} folders; not read` };
      return;
    }
    let entries: Dirent[];
    let chain: Set<string>;
    try {
      const real = await realpath(full);
      if (ancestors.has(real)) return;
      chain = new Set(ancestors).add(real);
      if (await isMaildir(full)) {
        yield* this.#maildir(path, full, depth, chain);
        return;
      }
      entries = await readdir(full, { withFileTypes: true });
    } catch (error) {
      yield { kind: 'failure', path, reason: reasonOf(error) };
      return;
    }
    entries.sort((a, b) => byName(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const childPath = join(path, entry.name);
      const childFull = join(full, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(childFull);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          yield { kind: 'failure', path: childPath, reason: reasonOf(error) };
          continue;
        }
      }
      if (isDir) yield* this.#directory(childPath, childFull, depth + 1, chain);
      else if (isFile && mailFileKind(entry.name) !== null) yield* this.#file(childPath, childFull);
    }
  }

  /** A Maildir: its `cur/` and `new/` messages by file name, then its Maildir++ sub-folders (`.Sent`, ...). */
  async *#maildir(
    path: string,
    full: string,
    depth: number,
    ancestors: ReadonlySet<string>,
  ): AsyncGenerator<SourceEvent> {
    yield* this.#maildirFolder(path, full, ['cur', 'new']);
    let entries: Dirent[];
    try {
      entries = await readdir(full, { withFileTypes: true });
    } catch (error) {
      yield { kind: 'failure', path, reason: reasonOf(error) };
      return;
    }
    const folders = entries.filter((e) => e.name.startsWith('.') && e.name !== '.' && e.name !== '..');
    folders.sort((a, b) => byName(a.name, b.name));
    for (const folder of folders) {
      const childFull = join(full, folder.name);
      if (await isMaildir(childFull)) {
        yield* this.#directory(join(path, folder.name), childFull, depth + 1, ancestors);
      }
    }
  }

  /** Messages of `cur/` and `new/` (or of the one folder given), merged and sorted by file name. */
  async *#maildirFolder(
    path: string,
    full: string,
    subfolders: readonly string[] = [''],
  ): AsyncGenerator<SourceEvent> {
    const files: { name: string; path: string; full: string }[] = [];
    for (const sub of subfolders) {
      const dirFull = sub === '' ? full : join(full, sub);
      const dirPath = sub === '' ? path : join(path, sub);
      if (sub !== '' && !(await isDirectory(dirFull))) continue;
      try {
        for (const entry of await readdir(dirFull, { withFileTypes: true })) {
          if (entry.name.startsWith('.') || entry.isDirectory()) continue;
          files.push({ name: entry.name, path: join(dirPath, entry.name), full: join(dirFull, entry.name) });
        }
      } catch (error) {
        yield { kind: 'failure', path: dirPath, reason: reasonOf(error) };
      }
    }
    files.sort((a, b) => byName(a.name, b.name) || byName(a.path, b.path));
    for (const file of files) {
      try {
        const { bytes, truncated } = await readStart(file.full, this.#maxMessageBytes);
        yield { kind: 'message', file: file.name, path: file.path, index: null, bytes, truncated };
      } catch (error) {
        yield { kind: 'failure', path: file.path, reason: reasonOf(error) };
      }
    }
  }

  /** One file: an mbox when named so or when it starts with `From ` (and is not named `.eml`), else one message. */
  async *#file(path: string, full: string): AsyncGenerator<SourceEvent> {
    const named = mailFileKind(basename(full));
    try {
      // Sniff before reading: an mbox can be far larger than one message and is streamed instead.
      if (named === 'mbox' || (named === null && looksLikeMbox((await readStart(full, 5)).bytes))) {
        yield* this.#mbox(path, full);
        return;
      }
    } catch (error) {
      yield { kind: 'failure', path, reason: reasonOf(error) };
      return;
    }
    let message: { bytes: Uint8Array; truncated: boolean };
    try {
      message = await readStart(full, this.#maxMessageBytes);
    } catch (error) {
      yield { kind: 'failure', path, reason: reasonOf(error) };
      return;
    }
    yield { kind: 'message', file: path, path, index: null, ...message };
  }

  async *#mbox(path: string, full: string): AsyncGenerator<SourceEvent> {
    const splitter = new MboxSplitter(this.#maxMessageBytes);
    const toEvent = (m: { index: number; bytes: Uint8Array; truncated: boolean }): SourcedMessage => ({
      kind: 'message',
      file: `${path}#${m.index}`,
      path,
      index: m.index,
      bytes: m.bytes,
      truncated: m.truncated,
    });
    let handle: FileHandle;
    try {
      handle = await open(full, 'r');
    } catch (error) {
      yield { kind: 'failure', path, reason: reasonOf(error) };
      return;
    }
    // One buffer for the whole file: the splitter copies what it keeps, so memory stays flat however large the
    // mbox is.
    const buffer = new Uint8Array(CHUNK_BYTES);
    try {
      for (;;) {
        let bytesRead: number;
        try {
          ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
        } catch (error) {
          yield { kind: 'failure', path, reason: reasonOf(error) };
          return;
        }
        if (bytesRead === 0) break;
        for (const m of splitter.push(buffer.subarray(0, bytesRead))) yield toEvent(m);
      }
    } finally {
      await handle.close();
    }
    for (const m of splitter.end()) yield toEvent(m);
  }
}
