/**
 * A `dealloop` sub-command: its name, help, and what it does. Each verb declares its own help
 * beside its definition; `dealloop help VERB` and `dealloop VERB --help` print it.
 */
export interface Verb {
  name: string;
  summary: string;
  usage: string;
  /** Each option or argument, and what it does. */
  options?: readonly VerbOption[];
  /** Command lines worth copying, shown under the options. */
  examples?: readonly string[];
  /** Help on one subject of the verb (`dealloop call FN --help`), or undefined when it has none. */
  helpOn?(subject: string): string | undefined;
  /** Returns the process exit code. Output goes through `io` so tests can capture it. */
  run(args: string[], io: CliIO): Promise<number>;
}

export interface VerbOption {
  /** As typed: `--deal ID`, `--json`. */
  flag: string;
  help: string;
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** A usage problem: printed with the verb's usage line, exit code 2. */
export class UsageError extends Error {}

/** The help a verb declares: summary, usage, options, examples. */
export function verbHelp(verb: Verb): string {
  const options = verb.options ?? [];
  const width = Math.max(0, ...options.map((option) => option.flag.length));
  return [
    `dealloop ${verb.name}: ${verb.summary}`,
    "",
    `usage: ${verb.usage}`,
    ...(options.length > 0
      ? ["", "options:", ...options.map((o) => `  ${o.flag.padEnd(width)}  ${o.help}`)]
      : []),
    ...(verb.examples?.length ? ["", "examples:", ...verb.examples.map((e) => `  ${e}`)] : []),
  ].join("\n");
}

/** The options every verb that writes files shares. */
export const FORCE_OPTION: VerbOption = {
  flag: "--force",
  help: "replace files that already exist (without it, an existing file is refused)",
};
export const SOURCES_OPTION: VerbOption = {
  flag: "--sources FILE",
  help: "add your own deals or facts from a .csv or .json file (repeatable; see docs/sources-format.md)",
};
export const ASSUME_OPTION: VerbOption = {
  flag: "--assume key=value",
  help: "change an assumption (repeatable); `dealloop templates` lists each template's assumptions and rules",
};
