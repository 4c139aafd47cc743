/**
 * The command line's start-up: wall time of `node bin/dealloop.js call …` (a process started from
 * scratch, as a user runs it) against bare `node -e 0` on the same machine in the same run, runs
 * alternated so that load on the machine falls on both. `npx tsx bench/cli.bench.ts` runs it alone.
 */
import { spawnSync } from "child_process";
import { join, resolve } from "path";

const ROOT = resolve(__dirname, "..");
const RUNS = 15;
const CALL = ["call", "TRANCHE_VALUE", "35e9", "0.5", "3", "0.1"];

export interface CliFigure {
  name: string;
  seconds: number;
  ratio: number;
  target: string;
  ok: boolean;
}

function wallSeconds(args: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${run.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];

export function benchCli(): CliFigure[] {
  // Builds the bundle first if a source changed, so no run below pays for it.
  wallSeconds([join(ROOT, "bin", "dealloop.js"), ...CALL]);
  const bare: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(wallSeconds(["-e", "0"]));
    cli.push(wallSeconds([join(ROOT, "bin", "dealloop.js"), ...CALL]));
  }
  const node = median(bare);
  const call = median(cli);
  return [
    { name: "node -e 0 (reference)", seconds: node, ratio: 1, target: "", ok: true },
    {
      name: `dealloop ${CALL.join(" ")}`,
      seconds: call,
      ratio: call / node,
      target: "≤ 0.3 s, ≤ 2.5× node",
      ok: call <= 0.3 && call / node <= 2.5,
    },
  ];
}

if (require.main === module) {
  for (const f of benchCli())
    console.log(`${f.name}: ${f.seconds.toFixed(3)} s, ${f.ratio.toFixed(2)}× ${f.target}`);
}
