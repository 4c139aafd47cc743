/**
 * The capital-flow-network template: the whole web of investment and spend flows between the
 * parties in the library (the latest figure for each pair), on its own labelled page. Equity
 * investments are kept apart from commercial commitments, contingent or proposed flows are
 * marked, and flows the sources name without a figure are listed as unquantified, never counted
 * as zero. The maximum circulation is an optimisation no spreadsheet formula computes: each
 * flow's part of it is a live DEAL.CIRCULARITY spill where the add-in inserts the sheet, and a
 * value dated when DealLoop computed it in a .xlsx file; everything else is a native formula.
 * Party names are compared with EXACT, never used as SUMIF criteria (a name such as "Acme*" or
 * ">1" would be read as a pattern), and no display text is read back as data.
 */
import { CapitalFlow, capitalFlows, currentCapitalFlows } from "../data/library";
import { LibraryDeal } from "../data/schema";
import { flowKindWords } from "../data/labels";
import { circulationByRow } from "../engine/circularity";
import { Table } from "../engine/definition";
import { OutputRow, outputRows, section, switchedFigures, titleBlock } from "./blocks";
import {
  calc,
  fx,
  header,
  label,
  liveCalc,
  Ref,
  SheetBuilder,
  Span,
  spilled,
  WorkbookBuilder,
} from "./builder";
import { Fact, fact, numberOf } from "./datum";
import { EngineResult, runEngine } from "./engine";
import { FORMATS } from "./plan";
import { scenarioPick } from "./scenario";
import { findFact, provenanceOf, Template, TemplateContext } from "./template";

export interface NetworkFlow {
  from: string;
  to: string;
  /** "equity investment" or "commercial commitment". */
  type: string;
  /** What kind of flow, in words ("spend commitment"). */
  kind: string;
  /** The latest figure, with its source; absent when the documents name the flow without one. */
  amount?: Fact;
  /** How firm the flow is, in words: "proposed; $35.0B of it contingent", "in talks", "as stated". */
  commitment: string;
  dealTitle: string;
  /** A flow of the deal the workbook is about. */
  highlight: boolean;
}

export interface NetworkInput {
  title: string;
  flows: readonly NetworkFlow[];
  /** When the circulation was computed (ISO date): a value no native formula recomputes. */
  computedOn: string;
  /** The library the flows' bands are read from (the scenario switch). */
  deals?: readonly LibraryDeal[];
}

const USD = FORMATS.usdBillions;
const EQUITY = "equity investment";
const COMMERCIAL = "commercial commitment";
/** A flow its source gives without a hedge. */
const AS_STATED = "as stated";
const HEDGES = /proposed|contingent|potential|up to|option/i;

/** How firm a flow is, from its fact's status and qualifier (and a contingent tranche beside it). */
function commitmentOf(deal: LibraryDeal, flow: CapitalFlow): string {
  const found = findFact(deal, flow.fact);
  const words: string[] = [];
  if (flow.status === "in_talks") words.push("in talks");
  if (found?.qualifier && HEDGES.test(found.qualifier)) words.push(found.qualifier);
  const contingent = findFact(deal, "tranche_contingent");
  if (flow.fact === "investment" && typeof contingent?.value === "number")
    words.push(`$${(contingent.value / 1e9).toFixed(1)}B of it contingent`);
  return words.length > 0 ? words.join("; ") : AS_STATED;
}

/** The flows as a sheet shows them: with their source, type and how firm they are. */
export function networkFlows(
  flows: readonly CapitalFlow[],
  deals: readonly LibraryDeal[],
  highlightDeal: string
): NetworkFlow[] {
  const shown = flows.map((flow): NetworkFlow => {
    const source = deals.find((d) => d.id === flow.deal) as LibraryDeal;
    const found = findFact(source, flow.fact);
    const amount =
      flow.amount !== undefined && found
        ? fact(
            `${flow.from} → ${flow.to} (${flowKindWords(flow.kind)})`,
            flow.amount,
            provenanceOf(source, found)
          )
        : undefined;
    return {
      from: flow.from,
      to: flow.to,
      type: flow.kind === "investment" ? EQUITY : COMMERCIAL,
      kind: flow.kind.replace(/_/g, " "),
      ...(amount ? { amount } : {}),
      commitment: commitmentOf(source, flow),
      dealTitle: source.title,
      highlight: flow.deal === highlightDeal,
    };
  });
  // Equity first, then commercial commitments, each in library order.
  return [...shown.filter((f) => f.type === EQUITY), ...shown.filter((f) => f.type !== EQUITY)];
}

export function networkInput({ deal, deals }: TemplateContext, computedOn = today()): NetworkInput {
  return {
    title: "Capital-flow web of the whole deal library (every deal, not only this one)",
    flows: networkFlows(currentCapitalFlows(deals), deals, deal.id),
    computedOn,
    deals,
  };
}

/** The flows a deal's own facts evidence, for its IC page. */
export function dealFlows(deal: LibraryDeal): NetworkFlow[] {
  return networkFlows(capitalFlows([deal]), [deal], deal.id);
}

export const today = (): string => new Date().toISOString().slice(0, 10);

const tableOf = (result: EngineResult): Table =>
  "value" in result && Array.isArray(result.value) ? (result.value as Table) : [];

/** Where the flow table landed, for the sums that read it. */
interface FlowColumns {
  from: Span;
  to: Span;
  type: Span;
  amount: Span;
  /** How firm the source makes each flow: "as stated", or its hedges ("proposed", "up to", …). */
  firm: Span;
  circular: Span;
}

/**
 * The flows with a figure, one per row, then the totals (by type, gross, circular, share), then
 * the unquantified flows. Returns the totals' cells; `names` names the columns (one sheet only).
 * With `deals`, a flow whose words give a band follows the scenario switch, and so does its
 * circular part (the circulation computed for each case), and `title` heads the flow table
 * below the switched figures.
 */
export function flowsBlock(
  wb: WorkbookBuilder,
  sheet: SheetBuilder,
  flows: readonly NetworkFlow[],
  computedOn: string,
  names = false,
  deals?: readonly LibraryDeal[],
  title?: string
): { columns?: FlowColumns; circular?: Ref; share?: Ref; engine: (field: string) => EngineResult } {
  const priced = flows.filter((f) => f.amount);
  const unpriced = flows.filter((f) => !f.amount);
  const engine = runEngine("CIRCULARITY", {
    flows: [
      ["from", "to", "amount"],
      ...priced.map((f) => [f.from, f.to, numberOf(f.amount) as number]),
    ],
  });
  const figures = switchedFigures(
    wb,
    sheet,
    priced.map((f) => f.amount as Fact),
    deals ?? [],
    USD
  );
  if (title) section(sheet, title);
  // The maximum circulation with every flow at its Low, Base and High value (the Base is what the
  // live formula gives).
  const [low, circulation, high] = [0, 1, 2].map((k) =>
    circulationByRow(
      priced.map((f) => ({ from: f.from, to: f.to, amount: figures.cases(f.amount as Fact)[k] }))
    )
  );
  let columns: FlowColumns | undefined;
  let totals: Ref[] = [];
  if (priced.length > 0) {
    const circularHeader = {
      ...header(`Circular part (computed ${computedOn})`),
      live: "Circular part (live, DEAL.CIRCULARITY)",
    };
    sheet.row(
      ...["From", "To", "Type", "Amount", "Status", "Source", "How firm"].map(header),
      circularHeader,
      ...["Left after clearing", "This deal"].map(header)
    );
    const [top, bottom] = [sheet.nextRow, sheet.nextRow + priced.length - 1];
    const column = (c: number, name: string) => {
      const span = new Span(sheet.ref(top, c), sheet.ref(bottom, c));
      return names ? wb.define(name, span) : span;
    };
    columns = {
      from: column(1, "Flow_From"),
      to: column(2, "Flow_To"),
      type: column(3, "Flow_Type"),
      amount: column(4, "Flow_Amount"),
      firm: column(7, "Flow_Firm"),
      circular: column(8, "Flow_Circular"),
    };
    const c = columns;
    // CIRCULARITY reads from, to, amount side by side: CHOOSE puts the three columns together.
    // One formula spills every row's part down the column (one computation, and a sort or an
    // inserted row keeps each part beside its flow).
    const byFlow = fx`DEAL.CIRCULARITY(CHOOSE({1,2,3},${c.from},${c.to},${c.amount}),"by_flow")`;
    priced.forEach((flow, i) => {
      const [value, status, citation] = figures.cells(flow.amount as Fact);
      // A file holds the part computed for each case, picked by the switch; Excel's live spill
      // follows the switched amounts by itself.
      const cases = [low[i], circulation[i], high[i]];
      const file = cases.every((x) => x === circulation[i])
        ? undefined
        : scenarioPick(wb, fx`${low[i]}`, fx`${circulation[i]}`, fx`${high[i]}`);
      const [amount, circular] = [sheet.ahead(4), sheet.ahead(8)];
      sheet.row(
        label(flow.from),
        label(flow.to),
        label(flow.type),
        value,
        status,
        citation,
        label(flow.commitment, flow.commitment === AS_STATED ? "text" : "tag"),
        i === 0
          ? liveCalc(byFlow, circulation[i], { format: USD, file })
          : spilled(circulation[i], { format: USD, file }),
        calc(fx`${amount}-${circular}`, {
          format: USD,
          expected: (numberOf(flow.amount) as number) - circulation[i],
        }),
        label(flow.highlight ? "✓" : "")
      );
    });
    const sumOfType = (type: string) =>
      priced.filter((f) => f.type === type).reduce((s, f) => s + (numberOf(f.amount) as number), 0);
    sheet.blank();
    const rows: OutputRow[] = [
      {
        label: "Equity investments",
        formula: fx`SUMPRODUCT(--EXACT(${c.type},${EQUITY}),${c.amount})`,
        engine: { value: sumOfType(EQUITY) },
        format: USD,
        method: "sum of the equity rows",
      },
      {
        label: "Commercial commitments (spend, compute purchases)",
        formula: fx`SUMPRODUCT(--EXACT(${c.type},${COMMERCIAL}),${c.amount})`,
        engine: { value: sumOfType(COMMERCIAL) },
        format: USD,
        method: "sum of the commercial rows",
      },
      {
        label: "Gross volume (both kinds)",
        formula: fx`SUM(${c.amount})`,
        engine: engine("gross_volume"),
        format: USD,
        method: "every flow with a figure; unquantified flows are not in it",
      },
      {
        label: "of which not firm as stated (in talks, proposed, contingent, up to, …)",
        formula: fx`SUMPRODUCT(--NOT(EXACT(${c.firm},${AS_STATED})),${c.amount})`,
        engine: {
          value: priced
            .filter((f) => f.commitment !== AS_STATED)
            .reduce((s, f) => s + (numberOf(f.amount) as number), 0),
        },
        format: USD,
        method:
          "the flows whose source hedges them, at their full figure: the gross volume counts them as if they happen",
      },
      {
        label: "Circular volume, counted on every leg",
        formula: fx`SUM(${c.circular})`,
        engine: engine("circular_volume"),
        format: USD,
        emphasis: true,
        method:
          "the largest circulation inside the flows, each leg counted: an $8B round trip is $16B of circular flow",
      },
      {
        label: "Circular share of the gross volume",
        formula: fx`IF(SUM(${c.amount})=0,0,SUM(${c.circular})/SUM(${c.amount}))`,
        engine: engine("circular_share"),
        format: FORMATS.percent,
        emphasis: true,
        method: "circular volume ÷ gross volume, both counting every leg",
      },
    ];
    totals = outputRows(sheet, rows);
    sheet.row({
      ...label(
        `The circular parts are DealLoop's maximum circulation, computed ${computedOn} for each scenario: no native formula computes it, so edit a flow and recompute with the add-in.`,
        "note"
      ),
      live: "The circular parts are DealLoop's maximum circulation (no native formula computes it), live DEAL.CIRCULARITY formulas that follow any edit to a flow; Prepare for sharing turns them into the values they show.",
    });
  } else sheet.row(label("no flow with a figure", "note"));
  sheet.blank();
  if (unpriced.length > 0) {
    section(
      sheet,
      "Unquantified: flows the sources name without a figure (not counted as zero, not in any total)"
    );
    sheet.row(...["From", "To", "Type", "What", "How firm", "Deal"].map(header));
    for (const flow of unpriced)
      sheet.row(
        label(flow.from),
        label(flow.to),
        label(flow.type),
        label(flow.kind),
        label(flow.commitment),
        label(flow.dealTitle)
      );
    sheet.blank();
  }
  return {
    ...(columns ? { columns } : {}),
    ...(totals.length > 0 ? { circular: totals[3], share: totals[4] } : {}),
    engine,
  };
}

export function networkSheet(
  wb: WorkbookBuilder,
  input: NetworkInput,
  sheetName = "Capital-flow web"
): void {
  const sheet = wb.sheet(sheetName, [20, 14, 16, 12, 16, 30, 16, 14, 12, 10]);
  titleBlock(
    wb,
    sheet,
    input.title,
    "Who invests in whom and who must spend with whom across the library, latest figure per pair"
  );
  const { columns, engine } = flowsBlock(
    wb,
    sheet,
    input.flows,
    input.computedOn,
    true,
    input.deals,
    "Flows with a figure: equity investments first, then commercial commitments"
  );
  if (!columns) return;

  section(sheet, "Net positions (inflow − outflow) and the circulation's balance at each party");
  sheet.row(
    ...[
      "Party",
      "Inflow",
      "Outflow",
      "Net, both kinds",
      "Net of equity",
      "Net of commitments",
      "Circular in",
      "Circular out",
      "Balanced",
    ].map(header)
  );
  const priced = input.flows.filter((f) => f.amount);
  const sumOf = (take: (flow: NetworkFlow) => boolean) =>
    priced.filter(take).reduce((sum, f) => sum + (numberOf(f.amount) as number), 0);
  for (const [party, net] of tableOf(engine("net_positions"))) {
    const name = sheet.ahead(1);
    const [inflow, outflow, , , , circIn, circOut] = [2, 3, 4, 5, 6, 7, 8].map((c) =>
      sheet.ahead(c)
    );
    const partyName = String(party);
    // EXACT: the name is compared as text, case and all, never read as a pattern.
    const exactSum = (side: Span, values: Span) =>
      fx`SUMPRODUCT(--EXACT(${side},${name}),${values})`;
    const kindNet = (kind: string, side: Span) =>
      fx`SUMPRODUCT(--EXACT(${side},${name}),--EXACT(${columns.type},${kind}),${columns.amount})`;
    sheet.row(
      label(partyName),
      calc(exactSum(columns.to, columns.amount), {
        format: USD,
        expected: sumOf((f) => f.to === partyName),
      }),
      calc(exactSum(columns.from, columns.amount), {
        format: USD,
        expected: sumOf((f) => f.from === partyName),
      }),
      calc(fx`${inflow}-${outflow}`, { format: USD, expected: Number(net) }),
      // An equity stake and a spend commitment are not the same money: each kind nets apart.
      ...[EQUITY, COMMERCIAL].map((kind) =>
        calc(fx`${kindNet(kind, columns.to)}-${kindNet(kind, columns.from)}`, {
          format: USD,
          expected:
            sumOf((f) => f.to === partyName && f.type === kind) -
            sumOf((f) => f.from === partyName && f.type === kind),
        })
      ),
      calc(exactSum(columns.to, columns.circular), { format: USD }),
      calc(exactSum(columns.from, columns.circular), { format: USD }),
      calc(fx`IF(ABS(${circIn}-${circOut})<=1E-9*MAX(1,${circIn}),"yes","NO")`)
    );
  }
  sheet.blank();

  const cycles = tableOf(engine("cycles"));
  section(
    sheet,
    `Cycles: the circulation split into round trips (computed ${input.computedOn}, Base case)`
  );
  sheet.row(...["Cycle", "Amount on each leg"].map(header));
  for (const [text, amount] of cycles)
    sheet.row(label(String(text)), label(Number(amount), "text", USD));
  if (cycles.length === 0) sheet.row(label("no circular flows", "note"));
  sheet.blank();
  section(sheet, "Picture: the web of flows (numbers are the parties in the key)");
  sheet.diagram(
    "Capital flows between the parties",
    input.flows.map((f) => ({
      from: f.from,
      to: f.to,
      ...(f.amount ? { amount: numberOf(f.amount) } : {}),
      highlight: f.highlight,
    }))
  );
}

export const CAPITAL_FLOW_NETWORK_TEMPLATE: Template = {
  name: "capital-flow-network",
  title: "Capital-flow web",
  summary:
    "the whole library's web of equity investments and commercial commitments on its own page: circular volume (every leg counted) and share, cycles, each party's net position, unquantified flows listed apart",
  facts: [
    {
      key: "flows on the deal's facts",
      description: "an investment or spend flow with an amount, from this deal",
      required: true,
    },
  ],
  assumptions: [],
  applicability(deal, deals) {
    const priced = currentCapitalFlows(deals).some(
      (f) => f.deal === deal.id && f.amount !== undefined
    );
    return {
      applies: priced,
      missing: priced
        ? []
        : ["a capital flow with an amount in the current web (flows on its facts)"],
    };
  },
  // The web is library-wide: its totals are not this deal's, so none is offered as a headline.
  contribute: (wb, context) => {
    networkSheet(wb, networkInput(context));
    return [];
  },
};
