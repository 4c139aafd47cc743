/**
 * Each DEAL function through the custom-function adapter (coercion, validation, result shaping),
 * with arguments in the shapes Excel passes; the closed forms beside their float references.
 */
import { callDealFunction } from "../src/functions/adapter";
import { findFunction } from "../src/functions/catalog";
import { Figure, medianMicros } from "./measure";
import { FLOAT_REFERENCES } from "./floatReference";

const CALLS = 20_000;

/** Representative arguments: the examples where there are some. */
export const CASES: Record<string, unknown[]> = {
  VALUATION_STEP: [14e9, 4e9, 4.1e9, 0.5, null],
  TRANCHE_VALUE: [35e9, [[0.3], [0.4]], 3, 0.1, null],
  TRANCHE_HAZARD_VALUE: [35e9, [[0.2], [0.1]], 4, 0.1, null, null],
  TRANCHE_OPTION_VALUE: [2.75e9, 18e9, 4.1e9, 0.6, 1.5, 0.045, null],
  VENDOR_FINANCE_LOOP: [13e9, 100e9, 0.35, 10, 0.1, null, "net_present_cost"],
  CAPPED_RETURN: [13e9, 0.49, 100, 5e12, null],
  LOOK_THROUGH: lookThroughArgs(10, null),
  CIRCULARITY: [
    [
      ["from", "to", "amount"],
      ["Amazon", "Anthropic", 8e9],
      ["Anthropic", "Amazon", 100e9],
      ["Amazon", "OpenAI", 50e9],
      ["OpenAI", "Amazon", 38e9],
      ["Microsoft", "OpenAI", 13e9],
      ["OpenAI", "Microsoft", 250e9],
    ],
    null,
  ],
  FACT: ["amazon-anthropic-2023", "investment"],
  FACT_SOURCE: ["amazon-anthropic-2023", "investment"],
};

/** A seeded generator, so every run measures the same graph. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function randomFlows(parties: number, flows: number): unknown[][] {
  const random = seeded(42);
  const rows: unknown[][] = [["from", "to", "amount"]];
  for (let i = 0; i < flows; i++) {
    const from = Math.floor(random() * parties);
    const to = (from + 1 + Math.floor(random() * (parties - 1))) % parties;
    rows.push([`P${from}`, `P${to}`, Math.round(random() * 1e6) / 100]);
  }
  return rows;
}

function scheduleArgs(periods: number): unknown[] {
  const investments = Array.from({ length: periods }, (_, t) => [t % 10 === 0 ? 4e9 : 0]);
  const spend = Array.from({ length: periods }, (_, t) => [1e9 + (t % 7) * 1e8]);
  return [investments, spend, 0.35, 0.08, "npv"];
}

/**
 * A 10-year look-through shaped like the deal: two tranches, spend ramping up, capex in
 * the first years, a 21% tax, 80% realised, the stake marked at the end, 10% a year.
 */
function lookThroughArgs(periods: number, output: string | null): unknown[] {
  const investments = Array.from({ length: periods }, (_, t) => [
    t === 0 ? 8e9 : t === 2 ? 4e9 : 0,
  ]);
  const spend = Array.from({ length: periods }, (_, t) => [t === 0 ? 0 : 5e9 + (t % 10) * 1e9]);
  const capex = Array.from({ length: periods }, (_, t) => [t % 10 < 3 ? 3e9 : 0]);
  return [investments, spend, 0.35, 0.21, capex, 60e9, 0.1, 0.8, null, output];
}

function time(name: string, args: unknown[], calls: number): number {
  const fn = findFunction(name);
  if (!fn) throw new Error(`${name} is not in the catalog`);
  return medianMicros(() => callDealFunction(fn, args), calls, Math.min(calls, 2000));
}

export function benchFunctions(): Figure[] {
  const figures: Figure[] = [];
  for (const [name, args] of Object.entries(CASES)) {
    if (!findFunction(name)) continue;
    const medianUs = time(name, args, CALLS);
    const reference = FLOAT_REFERENCES[name];
    const ratio = reference
      ? medianUs / medianMicros(() => callDealFunction(reference, args), CALLS)
      : undefined;
    const closedForm = !["CIRCULARITY", "FACT", "FACT_SOURCE"].includes(name);
    figures.push({
      name,
      medianUs,
      samples: CALLS,
      ratio,
      target: closedForm ? "≤ 20 µs" + (reference ? ", ≤ 10× float" : "") : undefined,
      ok: closedForm ? medianUs <= 20 && (ratio === undefined || ratio <= 10) : undefined,
    });
  }
  const circularity = time("CIRCULARITY", [randomFlows(200, 2000), null], 15);
  figures.push({
    name: "CIRCULARITY 200 parties × 2,000 flows",
    medianUs: circularity,
    samples: 15,
    target: "< 200 ms",
    ok: circularity < 200_000,
  });
  // Each row's part (the capital-flow web's live column): per row, not per pair.
  const byFlow = time("CIRCULARITY", [randomFlows(200, 2000), "by_flow"], 15);
  figures.push({
    name: "CIRCULARITY by_flow 200 parties × 2,000 flows",
    medianUs: byFlow,
    samples: 15,
    target: "< 200 ms",
    ok: byFlow < 200_000,
  });
  const schedule = time("VENDOR_LOOP_SCHEDULE", scheduleArgs(10_000), 15);
  figures.push({
    name: "VENDOR_LOOP_SCHEDULE 10,000 periods",
    medianUs: schedule,
    samples: 15,
    target: "< 100 ms",
    ok: schedule < 100_000,
  });
  const lookThroughLong = time("LOOK_THROUGH", lookThroughArgs(10_000, null), 15);
  figures.push({
    name: "LOOK_THROUGH 10,000 periods (npv)",
    medianUs: lookThroughLong,
    samples: 15,
    target: "≤ 100 ms",
    ok: lookThroughLong <= 100_000,
  });
  for (const output of ["irr", "all"]) {
    figures.push({
      name: `LOOK_THROUGH 10 periods (${output})`,
      medianUs: time("LOOK_THROUGH", lookThroughArgs(10, output), 2000),
      samples: 2000,
    });
  }
  const scheduleSmall = time("VENDOR_LOOP_SCHEDULE", scheduleArgs(10), CALLS);
  figures.push({
    name: "VENDOR_LOOP_SCHEDULE 10 periods",
    medianUs: scheduleSmall,
    samples: CALLS,
  });
  return figures;
}
