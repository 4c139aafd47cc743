/**
 * `npm run bench`: every benchmark, with the machine it ran on. Never part of `npm test`:
 * speed is measured and recorded (docs/performance.md), not asserted.
 */
import { benchFunctions } from "./functions.bench";
import { Figure, formatDuration, machine } from "./measure";
import { formatTable } from "../src/cli/format";

function report(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  const rows = figures.map((f) => [
    f.name,
    formatDuration(f.medianUs),
    f.ratio === undefined ? "" : `${f.ratio.toFixed(2)}×`,
    f.target ?? "",
    f.ok === undefined ? "" : f.ok ? "ok" : "MISSED",
  ]);
  console.log(formatTable(rows, ["what", "median", "vs float", "target", ""]));
}

async function run(): Promise<void> {
  console.log(`DealLoop benchmarks, ${new Date().toISOString().slice(0, 10)}\nmachine: ${machine()}`);
  report("DEAL functions through the custom-function adapter (median per call)", benchFunctions());
}

run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
