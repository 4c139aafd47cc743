/** A `dealloop` sub-command: its name, one-line help, usage, and what it does. */
export interface Verb {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. Output goes through `io` so tests can capture it. */
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** A usage problem: printed with the verb's usage line, exit code 2. */
export class UsageError extends Error {}
