/** `dealloop`: DealLoop's command line. Each verb lives in its own module. */
import { callVerb } from "./call";
import { dealsVerb, dealVerb } from "./deals";
import { demoVerb } from "./demo";
import { packVerb } from "./pack";
import { templatesVerb } from "./templates";
import { terminalText } from "./terminal";
import { workbookVerb } from "./workbook";
import { CliIO, UsageError, Verb } from "./verb";

const VERBS: readonly Verb[] = [
  callVerb,
  dealsVerb,
  dealVerb,
  templatesVerb,
  workbookVerb,
  demoVerb,
  packVerb,
];

function help(): string {
  const width = Math.max(...VERBS.map((v) => v.name.length));
  return [
    "usage: dealloop VERB [ARGS]",
    "",
    ...VERBS.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`),
  ].join("\n");
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [verbName, ...rest] = argv;
  if (!verbName || verbName === "--help" || verbName === "-h" || verbName === "help") {
    io.out(help());
    return verbName ? 0 : 2;
  }
  const verb = VERBS.find((v) => v.name === verbName);
  if (!verb) {
    io.err(`unknown command "${verbName}"\n\n${help()}`);
    return 2;
  }
  try {
    return await verb.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\nusage: ${verb.usage}`);
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
