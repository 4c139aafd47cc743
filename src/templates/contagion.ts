/**
 * The contagion template: the library's capital web as a table of flows, one stressed party and
 * its shortfall as inputs, and for every party of the web what the shortfall costs it, first and
 * second order, in native formulas (the rule of src/engine/contagion.ts; docs/methodology.md).
 * Its first five columns are `dealloop stress --json`'s row for each affected party.
 * Party names are matched with EXACT, never used as SUMIF criteria (which read "Acme*" or ">1" as
 * patterns and ignore case).
 */
import { capitalWeb } from "../data/capitalWeb";
import { LibraryDeal } from "../data/schema";
import { flowKindWords } from "../data/labels";
import { EdgeKind, PartyHit, partyHits } from "../engine/contagion";
import { Headline, inputCells, section, switchedFigures, titleBlock } from "./blocks";
import { calc, fx, header, label, Ref, Span, WorkbookBuilder } from "./builder";
import { AssumptionSpec, Datum, fact, numberOf } from "./datum";
import { FORMATS } from "./plan";
import { findFact, libraryAssumption, provenanceOf, Template, TemplateContext } from "./template";

const USD = FORMATS.usdBillions;

const SHORTFALL_SPEC: AssumptionSpec = {
  key: "contagion_shortfall",
  label: "Shortfall: share of its committed money the party does not pay",
  description: "share of its committed spend and investment the stressed party does not pay",
  domain: { name: "shortfall", kind: "number", rule: { min: 0, max: 1 } },
};

interface WebRow {
  from: string;
  to: string;
  kind: EdgeKind;
  amount: Datum;
  deal: string;
}

export interface ContagionInput {
  party: Datum;
  shortfall: Datum;
  flows: readonly WebRow[];
  parties: readonly string[];
  /** The library the flows' bands are read from (the scenario switch). */
  deals?: readonly LibraryDeal[];
}

/** The stressed party: the deal's investor (or first party) that has a flow with a figure. */
function stressedParty(deal: LibraryDeal, inWeb: Set<string>): string | undefined {
  const ranked = [
    ...deal.parties.filter((p) => p.role === "investor" || p.role === "lead_investor"),
    ...deal.parties,
  ];
  return ranked.find((p) => inWeb.has(p.name))?.name;
}

export function contagionInput({ deal, deals, overrides }: TemplateContext): ContagionInput {
  const web = capitalWeb(deals);
  const flows = web.edges.map((edge): WebRow => {
    const source = deals.find((d) => d.id === edge.deal) as LibraryDeal;
    const provenance = provenanceOf(source, findFact(source, edge.fact)!);
    return {
      from: edge.from,
      to: edge.to,
      kind: edge.kind,
      amount: fact(
        `${edge.from} → ${edge.to} (${flowKindWords(edge.kind)})`,
        edge.amount,
        provenance
      ),
      deal: edge.deal,
    };
  });
  const inWeb = new Set(flows.flatMap((f) => [f.from, f.to]));
  const party = stressedParty(deal, inWeb) ?? [...inWeb].sort()[0] ?? "";
  return {
    party: {
      kind: "assumption",
      key: "stressed_party",
      label: "Stressed party (type any party of the web, exactly as written)",
      value: party,
      rationale:
        "The deal's investor (or first party) with a flow that has a figure; type any party of the flows table to stress it instead.",
    },
    shortfall: libraryAssumption(SHORTFALL_SPEC, overrides),
    flows,
    parties: [...inWeb].sort(),
    deals,
  };
}

export function contagionSheet(wb: WorkbookBuilder, input: ContagionInput): Headline[] {
  const sheet = wb.sheet("Contagion", [26, 16, 16, 16, 16, 16, 14, 16, 16, 14]);
  titleBlock(
    wb,
    sheet,
    "Contagion across the capital web",
    "If one party misses part of its committed money: who else is hit, first and second order"
  );
  section(sheet, "The stress");
  sheet.row(...["Input", "Value", "Status", "Source / rationale"].map(header));
  const [, partyCell] = sheet.row(label(input.party.label), ...inputCells(input.party));
  const [, shortfallCell] = sheet.row(
    label(input.shortfall.label),
    ...inputCells(input.shortfall, FORMATS.percent)
  );
  const party = wb.define("Stress_Party", partyCell);
  const shortfall = wb.define("Stress_Shortfall", shortfallCell);
  sheet.row(
    label(
      "The stake write-down share equals the shortfall; revenue a party loses is not passed on as lost funding.",
      "note"
    )
  );
  sheet.blank();
  const figureCells = switchedFigures(
    wb,
    sheet,
    input.flows.map((f) => f.amount),
    input.deals ?? [],
    USD
  );
  if (input.flows.length === 0) {
    sheet.row(
      label("The library has no capital flow with a figure: nothing to stress.", "warning")
    );
    return [];
  }

  // The party table reads the flows table and the flows table's second-order column reads the
  // party table's stranded share: both spans are fixed before either is written.
  section(
    sheet,
    "The capital web: the latest figure of each flow (equity: investor → company; commitment: spender → vendor)"
  );
  sheet.row(
    ...["From", "To", "Kind", "Amount", "Status", "Source", "Second-order hit", "Deal"].map(header)
  );
  const flowTop = sheet.nextRow;
  const flowBottom = flowTop + input.flows.length - 1;
  const partyHeaderRows = 4; // blank, section, header, then the first party
  const partyTop = flowBottom + partyHeaderRows;
  const partyBottom = partyTop + input.parties.length - 1;
  const flowColumn = (c: number) => new Span(sheet.ref(flowTop, c), sheet.ref(flowBottom, c));
  const partyColumn = (c: number) => new Span(sheet.ref(partyTop, c), sheet.ref(partyBottom, c));
  const [from, to, kind, amount, secondOrder] = [1, 2, 3, 4, 7].map((c) => flowColumn(c));
  const [names, strandedShare] = [1, 10].map((c) => partyColumn(c));

  const engineRows = partyHits(
    input.flows.map((f) => ({ ...f, amount: numberOf(f.amount) as number })),
    {
      party: String(input.party.value),
      shortfall: numberOf(input.shortfall) as number,
      writedown: numberOf(input.shortfall) as number,
    }
  );
  const hitOf = (name: string): PartyHit | undefined => engineRows.find((r) => r.party === name);
  const committedBy = (name: string) =>
    input.flows
      .filter((f) => f.from === name && f.kind === "commitment")
      .reduce((sum, f) => sum + (numberOf(f.amount) as number), 0);
  const strandedShareOf = (name: string) => {
    const row = hitOf(name);
    const committed = committedBy(name);
    return row && committed > 0 ? row.stranded_commitment / committed : 0;
  };

  for (const flow of input.flows) {
    const [fromRef, toRef, kindRef, amountRef] = [1, 2, 3, 4].map((c) => sheet.ahead(c));
    const [value, status, citation] = figureCells.cells(flow.amount);
    const hit =
      flow.kind === "commitment" && flow.to !== input.party.value
        ? (numberOf(flow.amount) as number) * strandedShareOf(flow.from)
        : 0;
    sheet.row(
      label(flow.from),
      label(flow.to),
      label(flow.kind),
      value,
      status,
      citation,
      calc(
        fx`IF(AND(EXACT(${kindRef},"commitment"),NOT(EXACT(${toRef},${party}))),${amountRef}*SUMPRODUCT(EXACT(${names},${fromRef})*${strandedShare}),0)`,
        { format: USD, expected: hit }
      ),
      label(flow.deal)
    );
  }
  sheet.blank();
  section(
    sheet,
    "Who is hit: order is where a party is first reached, revenue at risk the total over both orders (the stressed party's own row shows nothing)"
  );
  sheet.row(
    ...[
      "Party",
      "Order",
      "Revenue at risk",
      "Stake write-down",
      "Stranded commitment",
      "Revenue at risk, 1st order",
      "Revenue at risk, 2nd order",
      "Funding shortfall",
      "Commitments it made",
      "Stranded share",
    ].map(header)
  );
  if (sheet.nextRow !== partyTop) throw new Error("contagion sheet: the party table moved");
  const between = (a: Ref | Span, b: Ref | Span, k: string) =>
    fx`SUMPRODUCT(EXACT(${from},${a})*EXACT(${to},${b})*EXACT(${kind},${k})*${amount})`;
  for (const name of input.parties) {
    const [nameRef, , , , strandedRef, firstRef, secondRef, fundingRef, committedRef] = [
      1, 2, 3, 4, 5, 6, 7, 8, 9,
    ].map((c) => sheet.ahead(c));
    const hit = hitOf(name);
    const isStressed = fx`EXACT(${nameRef},${party})`;
    // First order: any flow from the stressed party, or equity held in it (as the engine reads).
    const linked = fx`SUMPRODUCT(EXACT(${from},${party})*EXACT(${to},${nameRef})+EXACT(${from},${nameRef})*EXACT(${to},${party})*EXACT(${kind},"equity"))>0`;
    sheet.row(
      label(name),
      calc(fx`IF(${isStressed},"stressed",IF(${linked},1,IF(${secondRef}>0,2,"")))`, {
        format: FORMATS.integer,
        ...(hit && { expected: hit.order }),
      }),
      calc(fx`${firstRef}+${secondRef}`, { format: USD, expected: hit?.revenue_at_risk ?? 0 }),
      calc(fx`IF(${isStressed},0,${shortfall}*${between(nameRef, party, "equity")})`, {
        format: USD,
        expected: hit?.stake_writedown ?? 0,
      }),
      calc(fx`MIN(${fundingRef},${committedRef})`, {
        format: USD,
        expected: hit?.stranded_commitment ?? 0,
      }),
      calc(fx`IF(${isStressed},0,${shortfall}*${between(party, nameRef, "commitment")})`, {
        format: USD,
        expected: hit?.revenue_first_order ?? 0,
      }),
      calc(fx`IF(${isStressed},0,SUMPRODUCT(EXACT(${to},${nameRef})*${secondOrder}))`, {
        format: USD,
        expected: hit?.revenue_second_order ?? 0,
      }),
      calc(fx`IF(${isStressed},0,${shortfall}*${between(party, nameRef, "equity")})`, {
        format: USD,
        expected: hit?.funding_shortfall ?? 0,
      }),
      calc(fx`SUMPRODUCT(EXACT(${from},${nameRef})*EXACT(${kind},"commitment")*${amount})`, {
        format: USD,
        expected: committedBy(name),
      }),
      calc(fx`IF(${committedRef}>0,${strandedRef}/${committedRef},0)`, {
        format: FORMATS.percent,
        expected: strandedShareOf(name),
      })
    );
  }
  return [];
}

export const CONTAGION_TEMPLATE: Template = {
  name: "contagion",
  title: "Contagion stress",
  summary:
    "if the deal's investor misses part of its committed money: revenue at risk, stake write-downs and stranded commitments for every other party of the web, first and second order",
  facts: [
    {
      key: "flows on the deal's facts",
      description: "an investment or spend flow with an amount, from this deal",
      required: true,
    },
  ],
  assumptions: [SHORTFALL_SPEC],
  applicability(deal, deals) {
    const priced = capitalWeb(deals).edges.some((e) => e.deal === deal.id);
    return {
      applies: priced,
      missing: priced
        ? []
        : ["a capital flow with an amount in the current web (flows on its facts)"],
    };
  },
  contribute: (wb, context) => contagionSheet(wb, contagionInput(context)),
};
