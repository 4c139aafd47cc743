/** `dealloop`: DealLoop's command line. Each verb lives in its own module. */
import { nearest } from "../data/library";
import { callVerb } from "./call";
import { dealsVerb, dealVerb } from "./deals";
import { demoVerb } from "./demo";
import { leagueVerb } from "./league";
import { packVerb } from "./pack";
import { stressVerb } from "./stress";
import { templatesVerb } from "./templates";
import { terminalText } from "./terminal";
import { workbookVerb } from "./workbook";
import { CliIO, UsageError, Verb, verbHelp } from "./verb";

const VERBS: readonly Verb[] = [
  callVerb,
  dealsVerb,
  dealVerb,
  templatesVerb,
  workbookVerb,
  demoVerb,
  packVerb,
  stressVerb,
  leagueVerb,
];

function help(): string {
  const width = Math.max(...VERBS.map((v) => v.name.length));
  return [
    "usage: dealloop VERB [ARGS]",
    "",
    ...VERBS.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`),
    "",
    "dealloop help VERB (or dealloop VERB --help) shows a verb's options and examples;",
    "dealloop call FUNCTION --help shows a function's arguments, rules, fields and an example.",
  ].join("\n");
}

const HELP_FLAGS = ["--help", "-h"];

/** `help VERB [SUBJECT]` or `VERB [SUBJECT] --help`: the verb's help, or its help on the subject. */
function helpFor(verb: Verb, subject: string | undefined, io: CliIO): number {
  if (subject !== undefined && !subject.startsWith("-") && verb.helpOn) {
    const text = verb.helpOn(subject);
    if (text === undefined) {
      io.err(`no help on "${subject}" for ${verb.name}\n\n${verbHelp(verb)}`);
      return 2;
    }
    io.out(text);
    return 0;
  }
  io.out(verbHelp(verb));
  return 0;
}

function findVerb(name: string, io: CliIO): Verb | undefined {
  const verb = VERBS.find((v) => v.name === name);
  if (!verb) {
    const names = VERBS.map((v) => v.name);
    io.err(`unknown command "${name}"; nearest: ${nearest(name, names).join(", ")}\n\n${help()}`);
  }
  return verb;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [verbName, ...rest] = argv;
  if (!verbName || HELP_FLAGS.includes(verbName) || (verbName === "help" && !rest[0])) {
    io.out(help());
    return verbName ? 0 : 2;
  }
  if (verbName === "help") {
    const verb = findVerb(rest[0], io);
    return verb ? helpFor(verb, rest[1], io) : 2;
  }
  const verb = findVerb(verbName, io);
  if (!verb) return 2;
  if (rest.some((arg) => HELP_FLAGS.includes(arg))) return helpFor(verb, rest[0], io);
  try {
    return await verb.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\nusage: ${verb.usage}\n(dealloop ${verb.name} --help for more)`);
      return 2;
    }
    throw error;
  }
}

/** Runs the command line on this process's arguments and sets its exit code. */
export function runCli(): Promise<void> {
  const io: CliIO = {
    out: (t) => console.log(terminalText(t)),
    err: (t) => console.error(terminalText(t)),
  };
  return main(process.argv.slice(2), io).then(
    (code) => void (process.exitCode = code),
    (error: unknown) => {
      console.error(terminalText(error instanceof Error ? error.message : String(error)));
      process.exitCode = 1;
    }
  );
}

if (require.main === module) void runCli();
