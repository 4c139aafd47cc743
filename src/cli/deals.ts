/** `dealloop deals` and `dealloop deal ID`: the deal library, with the user's sources if given. */
import { findDeal } from "../data/library";
import { isRange, LibraryDeal, LibraryFact } from "../data/schema";
import { formatTable } from "./format";
import { loadDeals, parseFlags, unknownId } from "./options";
import { CliIO, SOURCES_OPTION, UsageError, Verb } from "./verb";

const JSON_OPTION = { flag: "--json", help: "print the library's records as JSON" };

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
  options: [JSON_OPTION, SOURCES_OPTION],
  examples: ["dealloop deals", "dealloop deals --sources my-deals.csv"],
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, switches } = parseFlags(argv, ["--sources"], ["--json"]);
    const json = switches.has("--json");
    const deals = loadDeals(values.get("--sources") ?? [], io);
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
  options: [
    { flag: "ID", help: "the deal's id (`dealloop deals` lists them)" },
    JSON_OPTION,
    SOURCES_OPTION,
  ],
  examples: ["dealloop deal amazon-anthropic-2023"],
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, switches, positionals } = parseFlags(argv, ["--sources"], ["--json"], 1);
    const [id] = positionals;
    if (!id) throw new UsageError("which deal? `dealloop deals` lists them");
    const json = switches.has("--json");
    const deals = loadDeals(values.get("--sources") ?? [], io);
    if (!deals) return 1;
    const deal = findDeal(deals, id);
    if (!deal) {
      io.err(
        unknownId(
          "deal",
          id,
          deals.map((d) => d.id),
          "dealloop deals"
        )
      );
      return 1;
    }
    io.out(json ? JSON.stringify(deal, null, 2) : describeDeal(deal));
    return 0;
  },
};
