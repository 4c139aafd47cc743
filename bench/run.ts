/**
 * `npm run bench`: every benchmark, with the machine it ran on. Never part of `npm test`:
 * speed is measured and recorded (docs/performance.md), not asserted.
 */
import { formatTable } from "../src/cli/format";
import { benchCases } from "./cases.bench";
import { benchCli, CliFigure } from "./cli.bench";
import { benchFunctions } from "./functions.bench";
import { benchHardening } from "./hardening.bench";
import { Figure, formatDuration, machine } from "./measure";
import { benchTaskpane, TaskpaneFigure } from "./taskpane.bench";
import { benchTemplates } from "./templates.bench";

const verdict = (ok: boolean | undefined) => (ok === undefined ? "" : ok ? "ok" : "MISSED");

function timings(title: string, figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    formatDuration(f.medianUs),
    f.ratio === undefined ? "" : `${f.ratio.toFixed(2)}×`,
    f.target ?? "",
    verdict(f.ok),
  ]);
  console.log(`\n${title}\n${formatTable(rows, ["what", "median", "vs float", "target", ""])}`);
}

function taskpane(figures: TaskpaneFigure[]): void {
  const measured = (f: TaskpaneFigure) =>
    f.unit === "ms" ? `${f.value.toFixed(0)} ms` : `${(f.value / 1024).toFixed(1)} KB`;
  const rows = figures.map((f) => [f.name, measured(f), f.target, verdict(f.ok)]);
  console.log(
    `\nAdd-in bundles and taskpane (production build)\n${formatTable(rows, ["what", "measured", "target", ""])}`
  );
}

function cli(figures: CliFigure[]): void {
  const rows = figures.map((f) => [
    f.name,
    `${f.seconds.toFixed(3)} s`,
    `${f.ratio.toFixed(2)}×`,
    f.target,
    f.target ? verdict(f.ok) : "",
  ]);
  console.log(
    `\nCommand-line start-up (wall time of a new process, median of alternated runs)\n${formatTable(rows, ["what", "median", "vs node", "target", ""])}`
  );
}

async function run(): Promise<void> {
  console.log(
    `DealLoop benchmarks, ${new Date().toISOString().slice(0, 10)}\nmachine: ${machine()}`
  );
  timings("DEAL functions through the custom-function adapter (median per call)", benchFunctions());
  timings("Templates to .xlsx, without LibreOffice", await benchTemplates());
  timings("Contagion stress and the league (engine time)", benchCases());
  cli(benchCli());
  timings("Long and large inputs (issue 11)", benchHardening());
  taskpane(await benchTaskpane());
}

run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
