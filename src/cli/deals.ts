/** `dealloop deals` and `dealloop deal ID`: the deal library, with the user's sources if given. */
import { readFileSync } from "fs";
import { buildLibrary, findDeal, formatProblem, nearest } from "../data/library";
import { isRange, LibraryDeal, LibraryFact } from "../data/schema";
import { formatTable } from "./format";
import { CliIO, UsageError, Verb } from "./verb";

/** Splits `--sources FILE` (repeatable, or `--sources=FILE`) and `--json` from the other arguments. */
function parseOptions(argv: readonly string[]): {
  sources: string[];
  json: boolean;
  rest: string[];
} {
  const sources: string[] = [];
  const rest: string[] = [];
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") json = true;
    else if (arg.startsWith("--sources=")) sources.push(arg.slice("--sources=".length));
    else if (arg === "--sources") {
      const file = argv[++i];
      if (file === undefined || file.startsWith("--"))
        throw new UsageError("--sources needs a file");
      sources.push(file);
    } else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
    else rest.push(arg);
  }
  return { sources, json, rest };
}

/** The library with the user's files applied, or undefined after printing every problem. */
function loadLibrary(files: readonly string[], io: CliIO): readonly LibraryDeal[] | undefined {
  const sources = [];
  for (const file of files) {
    try {
      sources.push({ name: file, text: readFileSync(file, "utf8") });
    } catch (error) {
      io.err(`cannot read ${file}: ${(error as Error).message}`);
      return undefined;
    }
  }
  const { deals, problems } = buildLibrary(sources);
  if (problems.length === 0) return deals;
  const rejected = [...new Set(problems.map((problem) => problem.source))];
  const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  io.err(
    `${count} in ${rejected.join(", ")}; nothing from ${rejected.length === 1 ? "it" : "them"} was imported:`
  );
  for (const problem of problems) io.err(`  ${formatProblem(problem)}`);
  return undefined;
}

const number = (value: number) => value.toLocaleString("en-US", { maximumSignificantDigits: 12 });

function readableValue(fact: LibraryFact): string {
  const { value, unit } = fact;
  if (typeof value === "string") return value;
  const show = (n: number) => (unit === "ratio" ? `${number(n)} (${number(n * 100)}%)` : number(n));
  return isRange(value) ? `${show(value.low)} to ${show(value.high)}` : show(value);
}

const origins = (deal: LibraryDeal) => deal.origins.join(" + ");

function describeDeal(deal: LibraryDeal): string {
  const roles = new Map<string, string[]>();
  for (const party of deal.parties)
    roles.set(party.name, [...(roles.get(party.name) ?? []), party.role]);
  const header = [
    `${deal.id}: ${deal.title}`,
    `  kind ${deal.kind ?? "-"} · date ${deal.date}${deal.era ? ` (${deal.era})` : ""} · status ${deal.status} · from ${origins(deal)}`,
    `  parties: ${[...roles].map(([name, list]) => `${name} (${list.join(", ")})`).join("; ") || "-"}`,
  ];
  const rows = deal.facts.map((fact) => [
    fact.key,
    readableValue(fact),
    fact.unit,
    fact.qualifier ?? "",
    fact.status,
    fact.source
      ? `${fact.source.document} § ${fact.source.section}`
      : `= ${fact.derivation?.formula}`,
    fact.replaces ? `${fact.origin} (replaces ${fact.replaces})` : fact.origin,
  ]);
  const table = formatTable(rows, [
    "key",
    "value",
    "unit",
    "qualifier",
    "status",
    "source",
    "origin",
  ]);
  const flows = deal.facts.flatMap((fact) =>
    (fact.flows ?? []).map((flow) => `  ${flow.from} → ${flow.to}: ${flow.kind} (${fact.key})`)
  );
  const notes = deal.facts.flatMap((fact) => (fact.note ? [`  ${fact.key}: ${fact.note}`] : []));
  return [
    ...header,
    "",
    table,
    ...(flows.length ? ["", "capital flows:", ...flows] : []),
    ...(notes.length ? ["", "notes:", ...notes] : []),
  ].join("\n");
}

export const dealsVerb: Verb = {
  name: "deals",
  summary: "list the deal library (built-in deals and your sources)",
  usage: "dealloop deals [--json] [--sources FILE.csv|FILE.json]…",
  async run(argv: string[], io: CliIO): Promise<number> {
    const { sources, json, rest } = parseOptions(argv);
    if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
    const deals = loadLibrary(sources, io);
    if (!deals) return 1;
    if (json) {
      io.out(JSON.stringify(deals, null, 2));
      return 0;
    }
    const rows = deals.map((deal) => [
      deal.id,
      deal.title,
      deal.status,
      deal.facts.length,
      origins(deal),
    ]);
    io.out(formatTable(rows, ["id", "title", "status", "facts", "origin"]));
    return 0;
  },
};

export const dealVerb: Verb = {
  name: "deal",
  summary: "show one deal's facts, their sources and its capital flows",
  usage: "dealloop deal ID [--json] [--sources FILE.csv|FILE.json]…",
  async run(argv: string[], io: CliIO): Promise<number> {
    const { sources, json, rest } = parseOptions(argv);
    const [id, ...extra] = rest;
    if (!id) throw new UsageError("which deal? `dealloop deals` lists them");
    if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
    const deals = loadLibrary(sources, io);
    if (!deals) return 1;
    const deal = findDeal(deals, id);
    if (!deal) {
      io.err(
        `unknown deal "${id}"; nearest: ${nearest(
          id,
          deals.map((d) => d.id)
        ).join(", ")}`
      );
      return 1;
    }
    io.out(json ? JSON.stringify(deal, null, 2) : describeDeal(deal));
    return 0;
  },
};
