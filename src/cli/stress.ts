/**
 * `dealloop stress --party NAME [--shortfall S | --fail-year K]`: who else the library's capital
 * web exposes if one party misses part of its committed money, first and second order.
 */
import { assumptionNumber } from "../data/assumptions";
import { capitalWeb } from "../data/capitalWeb";
import { nearest } from "../data/library";
import { contagionRow, failureShock, PartyHit, partyHits, Shock } from "../engine/contagion";
import { isDealError } from "../engine/errors";
import { formatTable, formatUsd } from "./format";
import { loadDeals, parseFlags, single } from "./options";
import { CliIO, UsageError, Verb } from "./verb";

function numberFlag(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value))
    throw new UsageError(`${flag} must be a number (got ${text})`);
  return value;
}

function shockOf(party: string, values: Map<string, string[]>): Shock {
  const shortfall = numberFlag(single(values, "--shortfall"), "--shortfall");
  const failYear = numberFlag(single(values, "--fail-year"), "--fail-year");
  const years = numberFlag(single(values, "--years"), "--years") ?? assumptionNumber("spend_years");
  if (shortfall !== undefined && failYear !== undefined)
    throw new UsageError("give --shortfall or --fail-year, not both");
  if (failYear !== undefined) return failureShock(party, failYear, years);
  const share = shortfall ?? assumptionNumber("contagion_shortfall");
  return { party, shortfall: share, writedown: share };
}

const percent = (share: number) => `${Number((share * 100).toFixed(2))}%`;

export const stressVerb: Verb = {
  name: "stress",
  summary:
    "who the capital web exposes if one party misses its committed money (first and second order)",
  usage:
    "dealloop stress --party NAME [--shortfall 0.5 | --fail-year K [--years N]] [--json] [--sources FILE]…",
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, switches } = parseFlags(
      argv,
      ["--party", "--shortfall", "--fail-year", "--years", "--sources"],
      ["--json"]
    );
    const wanted = single(values, "--party");
    if (!wanted) throw new UsageError("which party? --party NAME (such as --party Amazon)");
    const deals = loadDeals(values.get("--sources") ?? [], io);
    if (!deals) return 1;
    const web = capitalWeb(deals);
    const party = web.parties.find((p) => p === wanted.trim());
    if (!party) {
      io.err(`unknown party "${wanted}"; nearest: ${nearest(wanted, web.parties).join(", ")}`);
      return 1;
    }
    const unquantified = web.unquantified
      .filter((f) => f.from === party || f.to === party)
      .map((f) => `  ${f.from} → ${f.to} (${f.kind.replace(/_/g, " ")}, ${f.deal})`);
    const unquantifiedNote = unquantified.length
      ? ["", `Flows of ${party} the sources name without a figure (not counted):`, ...unquantified]
      : [];
    if (!web.edges.some((e) => e.from === party || e.to === party)) {
      io.err(
        [`${party} has no capital flow with a figure in the library`, ...unquantifiedNote].join(
          "\n"
        )
      );
      return 1;
    }
    let rows: PartyHit[];
    let shock: Shock;
    try {
      shock = shockOf(party, values);
      rows = partyHits(web.edges, shock);
    } catch (error) {
      if (!isDealError(error)) throw error;
      io.err(error.message);
      return 1;
    }
    if (switches.has("--json")) {
      io.out(JSON.stringify(rows.map(contagionRow), null, 2));
      return 0;
    }
    io.out(
      [
        `${party} pays ${percent(1 - shock.shortfall)} of its committed spend and investment; ` +
          `equity held in it is written down by ${percent(shock.writedown)}.`,
        "Amounts from the latest figure of each flow in the library; the shocked party has no row.",
        "Order: where a party is first reached (1: a flow with the shocked party; 2: through stranded spend).",
        "Revenue at risk is the total over both orders; funding shortfall is the investment it does not receive.",
        "",
        formatTable(
          rows.map((r) => [
            r.party,
            r.order,
            formatUsd(r.revenue_at_risk),
            formatUsd(r.stake_writedown),
            formatUsd(r.stranded_commitment),
            formatUsd(r.funding_shortfall),
          ]),
          [
            "party",
            "order",
            "revenue at risk",
            "stake write-down",
            "stranded commitment",
            "funding shortfall",
          ]
        ),
        ...unquantifiedNote,
      ].join("\n")
    );
    return 0;
  },
};
