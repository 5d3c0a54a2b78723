/** What a command may touch of the outside world; tests pass a fake one. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress indicators only then). */
  readonly stderrIsTTY: boolean;
  readonly cwd: string;
}

/** A `mailroom <name>` sub-command: takes its own arguments, returns the process exit code. */
export interface Command {
  readonly name: string;
  /** One line for `mailroom --help`. */
  readonly summary: string;
  /** Full usage text for `mailroom <name> --help`. */
  readonly usage: string;
  readonly run: (args: readonly string[], io: CliIo) => Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT: { readonly ok: 0; readonly findings: 1; readonly usage: 2; readonly someInputsFailed: 3 } =
  Object.freeze({ ok: 0, findings: 1, usage: 2, someInputsFailed: 3 });
