/** `dealloop league`: every deal's headline taken apart, ranked by net new capital per dollar of headline. */
import { league } from "../data/league";
import { formatTable, formatUsd } from "./format";
import { loadDeals, parseFlags } from "./options";
import { CliIO, Verb } from "./verb";

const amount = (value: number | null) => (value === null ? "no figure" : formatUsd(value));
/** A band, or its one value when the ends meet (a single trigger, or nothing contingent). */
const band = (low: number, high: number) =>
  low === high ? formatUsd(low) : `${formatUsd(low)}–${formatUsd(high)}`;
const share = (value: number | null) => (value === null ? "n/a" : `${(value * 100).toFixed(1)}%`);

export const leagueVerb: Verb = {
  name: "league",
  summary: "the headline deflator: firm, contingent, round trip and net new capital of every deal",
  usage: "dealloop league [--json] [--sources FILE]…",
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, switches } = parseFlags(argv, ["--sources"], ["--json"]);
    const deals = loadDeals(values.get("--sources") ?? [], io);
    if (!deals) return 1;
    const rows = league(deals);
    if (switches.has("--json")) {
      io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    const table = formatTable(
      rows.map((r) => [
        r.deal,
        formatUsd(r.headline),
        formatUsd(r.firm),
        formatUsd(r.contingent),
        formatUsd(r.contingent_pv),
        band(r.contingent_pv_low, r.contingent_pv_high),
        amount(r.round_trip),
        amount(r.net_new_capital),
        share(r.net_new_share),
        [r.status.replace(/_/g, " "), r.qualifier].filter(Boolean).join(" · "),
        r.confidence,
      ]),
      [
        "deal",
        "headline",
        "firm",
        "contingent",
        "contingent PV (independent)",
        "its band (any dependence)",
        "round trip",
        "net new capital",
        "net new / headline",
        "status",
        "weight",
      ]
    );
    const notes = rows.flatMap((r) => [
      `${r.deal}:`,
      ...(r.later_figure
        ? [
            `  newer figure, not used in this row: ${r.later_figure.fact.replace(/_/g, " ")} ${formatUsd(r.later_figure.value)} (${r.later_figure.deal}, ${r.later_figure.date})`,
          ]
        : []),
      ...r.notes.map((n) => `  ${n}`),
    ]);
    io.out(
      [
        "Ranked by net new capital per dollar of headline; deals whose spend back has no figure last.",
        "Round trip and net new capital are the best case for the investor: the spend back happens.",
        "Contingent PV takes the triggers as independent; its band holds whatever their dependence (one trigger: no band).",
        "",
        table,
        "",
        ...notes,
      ].join("\n")
    );
    return 0;
  },
};
