/**
 * The league-table template: every deal's headline investment taken apart (firm, contingent and
 * its present value, round trip, net new capital) in native formulas, ranked by net new capital
 * per dollar of headline as `dealloop league` ranks it (src/data/league.ts gives the engine's
 * values the oracle checks).
 */
import { deflate, league, LeagueRow, triggerAssumptions } from "../data/league";
import { LibraryDeal } from "../data/schema";
import { Headline, inputRows, section, switchedFigures, titleBlock } from "./blocks";
import { chartBelow } from "./chartBlocks";
import {
  calc,
  CellSpec,
  Formula,
  fx,
  header,
  joinFormulas,
  label,
  Ref,
  SheetBuilder,
  Span,
  statusTag,
  WorkbookBuilder,
} from "./builder";
import { AssumptionSpec, Datum, datumCell, fact, numberOf } from "./datum";
import { FORMATS } from "./plan";
import { findFact, libraryAssumption, provenanceOf, Template, TemplateContext } from "./template";

const USD = FORMATS.usdBillions;
const trancheValue = (param: string) => ({ fn: "TRANCHE_VALUE", param });

const probabilitySpec = (key: string): AssumptionSpec => ({
  key,
  label: `Trigger probability (${key.replace(/^probability_/, "").replace(/_/g, " ")})`,
  description: "the chance the contingent part is paid within the years to trigger",
  domain: trancheValue("probability"),
});
const YEARS_SPEC: AssumptionSpec = {
  key: "years_to_trigger",
  label: "Years to trigger",
  description: "when a contingent part is paid, if it is",
  domain: trancheValue("years"),
};
const RATE_SPEC: AssumptionSpec = {
  key: "discount_rate",
  label: "Discount rate",
  description: "annual rate the contingent part is discounted at",
  domain: trancheValue("discount_rate"),
};

export interface LeagueInput {
  dealId: string;
  assumptions: Datum[];
  rows: LeagueRow[];
  /** The library fact behind a row's figure, as a sourced datum. */
  datum(row: LeagueRow, which: "headline" | "firm" | "spend_back"): Datum | undefined;
  later(row: LeagueRow): Datum | undefined;
  /** The library the figures' bands are read from (the scenario switch). */
  deals: readonly LibraryDeal[];
}

function sourced(deals: readonly LibraryDeal[], dealId: string, key: string, text: string) {
  const deal = deals.find((d) => d.id === dealId) as LibraryDeal;
  const found = findFact(deal, key);
  return found && typeof found.value === "number"
    ? fact(text, found.value, provenanceOf(deal, found))
    : undefined;
}

export function leagueInput({ deal, deals, overrides }: TemplateContext): LeagueInput {
  const keys = [
    ...new Set(deals.flatMap((d) => (deflate(d, deals) ? triggerAssumptions(d).keys : []))),
  ];
  const assumptions = [...keys.map(probabilitySpec), YEARS_SPEC, RATE_SPEC].map((spec) =>
    libraryAssumption(spec, overrides)
  );
  const value = (key: string) =>
    numberOf(assumptions.find((a) => a.kind === "assumption" && a.key === key)) as number;
  return {
    dealId: deal.id,
    assumptions,
    rows: league(deals, value),
    deals,
    datum: (row, which) => {
      const key = row.facts[which];
      return key === undefined
        ? undefined
        : sourced(deals, row.deal, key, `${row.deal}: ${key.replace(/_/g, " ")}`);
    },
    later: (row) =>
      row.later_figure &&
      sourced(
        deals,
        row.later_figure.deal,
        row.later_figure.fact,
        `${row.later_figure.deal}: ${row.later_figure.fact.replace(/_/g, " ")}`
      ),
  };
}

export function leagueSheet(wb: WorkbookBuilder, input: LeagueInput): Headline[] {
  const sheet = wb.sheet(
    "League table",
    [30, 13, 13, 13, 12, 14, 14, 14, 14, 13, 15, 12, 30, 9, 15]
  );
  titleBlock(
    wb,
    sheet,
    "The headline deflator: what each headline is made of",
    "Headline = firm + contingent; net new capital = headline − round trip (the best case: the spend back happens). Contingent PV takes the triggers as independent; its low and high hold whatever their dependence."
  );
  section(sheet, "Assumptions for the contingent parts");
  const refs = inputRows(
    wb,
    sheet,
    input.assumptions.map((datum) => ({
      datum,
      format:
        datum.kind === "assumption" && datum.key === "years_to_trigger"
          ? FORMATS.years
          : FORMATS.percent,
    }))
  );
  const assumption = (key: string) =>
    refs[input.assumptions.findIndex((a) => a.kind === "assumption" && a.key === key)];
  const [years, rate] = [assumption("years_to_trigger"), assumption("discount_rate")];
  sheet.blank();
  const figures = input.rows.flatMap((row) =>
    (["headline", "firm", "spend_back"] as const).flatMap((which) =>
      row.facts[which] ? [input.datum(row, which) as Datum] : []
    )
  );
  const figureCells = switchedFigures(wb, sheet, figures, input.deals, USD);
  const inputCell = (datum: Datum | undefined, fallback: string): CellSpec =>
    datum ? figureCells.cells(datum)[0] : label(fallback);

  section(
    sheet,
    "Every deal with a headline investment, ranked by net new capital per dollar of headline"
  );
  sheet.row(
    ...[
      "Deal",
      "Headline",
      "Firm",
      "Contingent",
      "Trigger probability (independent)",
      "Contingent PV (independent)",
      "Contingent PV, low (triggers nest)",
      "Contingent PV, high (never together)",
      "Spend back",
      "Round trip",
      "Net new capital",
      "Net new / headline",
      "Status of the headline",
      "Weight",
      "Newer figure (not used)",
    ].map(header)
  );
  const charted: { deal: string; net: Ref; roundTrip: Ref }[] = [];
  for (const row of input.rows) {
    const [headlineRef, firmRef, contingentRef, probabilityRef, spendRef, roundTripRef, netRef] = [
      2, 3, 4, 5, 9, 10, 11,
    ].map((c) => sheet.ahead(c));
    const triggers = row.probabilities.map((key) => assumption(key));
    const discounted = (probability: Formula, expected: number) =>
      calc(fx`${contingentRef}*${probability}/(1+${rate})^${years}`, { format: USD, expected });
    const firm: CellSpec = row.facts.firm
      ? inputCell(input.datum(row, "firm"), "")
      : calc(row.firm === 0 ? fx`0` : fx`${headlineRef}`, { format: USD, expected: row.firm });
    const probability: Formula =
      row.probabilities.length === 1
        ? fx`${assumption(row.probabilities[0])}`
        : fx`1-${joinFormulas(
            row.probabilities.map((key) => fx`(1-${assumption(key)})`),
            "*"
          )}`;
    const spend: CellSpec = row.facts.spend_back
      ? inputCell(input.datum(row, "spend_back"), "")
      : label(row.round_trip === null ? "no figure" : "none");
    const roundTrip: CellSpec =
      row.round_trip === null
        ? label("no figure")
        : calc(row.facts.spend_back ? fx`MIN(${headlineRef},${spendRef})` : fx`0`, {
            format: USD,
            expected: row.round_trip,
          });
    const known = row.net_new_capital !== null;
    if (known) charted.push({ deal: row.deal, net: netRef, roundTrip: roundTripRef });
    sheet.row(
      label(row.deal),
      inputCell(input.datum(row, "headline"), ""),
      firm,
      calc(fx`${headlineRef}-${firmRef}`, { format: USD, expected: row.contingent }),
      calc(probability, { format: FORMATS.percent }),
      discounted(fx`${probabilityRef}`, row.contingent_pv),
      // The Fréchet bounds on P(any trigger), as TRANCHE_VALUE's probability_low and _high.
      discounted(fx`MAX(${joinFormulas(triggers, ",")})`, row.contingent_pv_low),
      discounted(fx`MIN(1,${joinFormulas(triggers, "+")})`, row.contingent_pv_high),
      spend,
      roundTrip,
      known
        ? calc(fx`${headlineRef}-${roundTripRef}`, {
            format: USD,
            expected: row.net_new_capital as number,
            emphasis: row.deal === input.dealId,
          })
        : label("no figure"),
      known
        ? calc(fx`${netRef}/${headlineRef}`, {
            format: FORMATS.percent,
            expected: row.net_new_share as number,
          })
        : label("n/a"),
      label(statusTag(row)),
      label(row.confidence, "text", "0.00"),
      input.later(row) ? datumCell(input.later(row) as Datum, USD) : null
    );
  }
  sheet.blank();
  section(sheet, "How each part was found");
  for (const row of input.rows) {
    sheet.row(label(row.deal), label(row.notes[0], "note"));
    for (const note of row.notes.slice(1)) sheet.row(null, label(note, "note"));
  }
  if (charted.length > 0) headlineChart(sheet, charted);
  return [];
}

/** Each headline as a column: its net new capital, and on top the round trip (together the headline). */
function headlineChart(
  sheet: SheetBuilder,
  deals: readonly { deal: string; net: Ref; roundTrip: Ref }[]
): void {
  sheet.pageBreak();
  section(sheet, "Chart: each headline split into net new capital and the round trip");
  sheet.row(...["Deal", "Net new capital", "Round trip"].map(header));
  const placed = deals.map((d) =>
    sheet.row(
      label(d.deal),
      calc(fx`${d.net}`, { format: USD }),
      calc(fx`${d.roundTrip}`, { format: USD })
    )
  );
  const span = (i: number) => new Span(placed[0][i], placed[placed.length - 1][i]);
  sheet.chart({
    kind: "stacked-column",
    title: "Headline investment: net new capital and the round trip",
    valueFormat: USD,
    series: [
      { name: "Net new capital", categories: span(0), values: span(1), fill: "1F4E79" },
      {
        name: "Round trip (spend that comes back to the investor)",
        categories: span(0),
        values: span(2),
        fill: "C55A11",
      },
    ],
    anchor: chartBelow(sheet, { columns: 6, rows: 16 }),
  });
}

/** Deals whose headline needs deflating: a contingent part, or spend that comes back to the investor. */
function needsDeflating(deal: LibraryDeal, deals: readonly LibraryDeal[]): boolean {
  const row = deflate(deal, deals);
  return row !== undefined && (row.contingent > 0 || row.round_trip !== 0);
}

export const LEAGUE_TABLE_TEMPLATE: Template = {
  name: "league-table",
  title: "League table: the headline deflator",
  summary:
    "every deal's headline taken apart into firm, contingent (and its present value), round trip and net new capital, ranked by net new capital per dollar of headline",
  facts: [
    { key: "investment", description: "the headline investment", required: true },
    {
      key: "tranche_initial / tranche_non_contingent",
      description: "the part of the headline the source states as firm",
      required: false,
    },
  ],
  assumptions: [probabilitySpec("probability_contingent"), YEARS_SPEC, RATE_SPEC],
  applicability(deal, deals) {
    const applies = needsDeflating(deal, deals);
    return {
      applies,
      missing: applies
        ? []
        : ["a headline investment with a contingent part or a spend back to the investor"],
    };
  },
  contribute: (wb, context) => leagueSheet(wb, leagueInput(context)),
};
