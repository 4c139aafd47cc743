/**
 * The capital-flow-network template: the web of investment and spend flows between the parties in
 * the library (the latest figure for each pair), how much of it goes round in circles, the cycles,
 * and each party's net position. The maximum circulation is the engine's (an optimisation no
 * spreadsheet formula computes); the sheet checks it natively: within each flow, balanced at every
 * party, and summing to the circular volume.
 */
import { CapitalFlow, currentCapitalFlows } from "../data/library";
import { LibraryDeal } from "../data/schema";
import { Table } from "../engine/definition";
import { CheckRow, checkRows, headline, Headline, inputCells, section, titleBlock } from "./blocks";
import { calc, check, fx, header, label, Ref, Span, WorkbookBuilder } from "./builder";
import { Fact, fact, numberOf } from "./datum";
import { engineNumber, EngineResult, runEngine } from "./engine";
import { FORMATS } from "./plan";
import { findFact, provenanceOf, Template, TemplateContext } from "./template";

export interface NetworkFlow {
  from: string;
  to: string;
  kind: string;
  /** The latest figure, with its source; absent when the documents name the flow without one. */
  amount?: Fact;
  deal: string;
  /** A flow of the deal the workbook is about. */
  highlight: boolean;
}

export interface NetworkInput {
  title: string;
  dealId: string;
  flows: readonly NetworkFlow[];
}

const USD = FORMATS.usdBillions;
/** Inside a cycle's text: "Amazon → Anthropic → Amazon". */
const ARROW = " → ";

export function networkInput({ deal, deals }: TemplateContext): NetworkInput {
  const flows = currentCapitalFlows(deals).map((flow: CapitalFlow): NetworkFlow => {
    const source = deals.find((d) => d.id === flow.deal) as LibraryDeal;
    const found = findFact(source, flow.fact);
    const amount =
      flow.amount !== undefined && found
        ? fact(`${flow.from} → ${flow.to} (${flow.kind})`, flow.amount, provenanceOf(source, found))
        : undefined;
    return {
      from: flow.from,
      to: flow.to,
      kind: flow.kind,
      ...(amount ? { amount } : {}),
      deal: flow.deal,
      highlight: flow.deal === deal.id,
    };
  });
  return { title: "Capital-flow network of the deal library", dealId: deal.id, flows };
}

/** Each flow's share of the circulation, from the engine's cycles (a pair's circulation fills its rows in order). */
function circulationByRow(flows: readonly NetworkFlow[], cycles: Table): number[] {
  const perPair = new Map<string, number>();
  for (const [text, amount] of cycles) {
    const parties = String(text).split(ARROW);
    for (let i = 0; i + 1 < parties.length; i++) {
      const pair = `${parties[i]}\u0000${parties[i + 1]}`;
      perPair.set(pair, (perPair.get(pair) ?? 0) + Number(amount));
    }
  }
  return flows.map((flow) => {
    const pair = `${flow.from}\u0000${flow.to}`;
    const left = perPair.get(pair) ?? 0;
    const taken = Math.min(left, numberOf(flow.amount) ?? 0);
    perPair.set(pair, left - taken);
    return taken;
  });
}

const tableOf = (result: EngineResult): Table =>
  "value" in result && Array.isArray(result.value) ? (result.value as Table) : [];

export function networkSheet(
  wb: WorkbookBuilder,
  input: NetworkInput,
  sheetName = "Capital flows"
): Headline[] {
  const sheet = wb.sheet(sheetName, [34, 16, 18, 14, 18, 14, 14, 12, 60]);
  titleBlock(
    wb,
    sheet,
    input.title,
    "Who invests in whom and who must spend with whom, latest figure per pair"
  );
  const priced = input.flows.filter((f) => f.amount);
  const unpriced = input.flows.filter((f) => !f.amount);
  const engine = runEngine("CIRCULARITY", {
    flows: [
      ["from", "to", "amount"],
      ...priced.map((f) => [f.from, f.to, numberOf(f.amount) as number]),
    ],
  });
  const cycles = tableOf(engine("cycles"));
  const circulation = circulationByRow(priced, cycles);

  section(
    sheet,
    "Flows with a figure (the circulation's share of each is the engine's: DEAL.CIRCULARITY)"
  );
  sheet.row(
    ...[
      "From",
      "To",
      "Kind",
      "Amount",
      "Status",
      "Circular part",
      "Left after clearing",
      "This deal",
      "Source",
    ].map(header)
  );
  const top = sheet.nextRow;
  priced.forEach((flow, i) => {
    const [value, status, citation] = inputCells(flow.amount as Fact, USD);
    const amount = sheet.ahead(4);
    const circular = sheet.ahead(6);
    sheet.row(
      label(flow.from),
      label(flow.to),
      label(flow.kind.replace(/_/g, " ")),
      value,
      status,
      check(circulation[i], USD),
      calc(fx`${amount}-${circular}`, {
        format: USD,
        expected: (numberOf(flow.amount) as number) - circulation[i],
      }),
      label(flow.highlight ? "✓" : ""),
      citation
    );
  });
  const bottom = sheet.nextRow - 1;
  const column = (c: number) => new Span(sheet.ref(top, c), sheet.ref(bottom, c));
  const from = wb.define("Flow_From", column(1));
  const to = wb.define("Flow_To", column(2));
  const amounts = wb.define("Flow_Amount", column(4));
  const circular = wb.define("Flow_Circular", column(6));
  sheet.blank();

  section(sheet, "How much goes round in circles");
  const totals: CheckRow[] = [
    {
      label: "Gross volume",
      formula: fx`SUM(${amounts})`,
      engine: engine("gross_volume"),
      format: USD,
    },
    {
      label: "Circular volume",
      formula: fx`SUM(${circular})`,
      engine: engine("circular_volume"),
      format: USD,
      emphasis: true,
    },
    {
      label: "Circular share",
      formula: fx`SUM(${circular})/SUM(${amounts})`,
      engine: engine("circular_share"),
      format: FORMATS.percent,
      emphasis: true,
    },
  ];
  const natives = checkRows(sheet, totals);
  sheet.row(
    label("Every circular part within its flow"),
    calc(fx`IF(SUMPRODUCT(--(${column(6)}>${column(4)}))=0,"yes","NO")`)
  );
  sheet.blank();

  section(sheet, "Cycles (the engine's decomposition of the circulation, largest first)");
  sheet.row(...["Cycle", "Amount", "Flows in it"].map(header));
  const cycleTop = sheet.nextRow;
  for (const [text, amount] of cycles) {
    sheet.row(
      label(String(text)),
      check(Number(amount), USD),
      label(String(text).split(ARROW).length - 1, "text", FORMATS.integer)
    );
  }
  if (cycles.length === 0) sheet.row(label("no circular flows", "note"));
  else {
    const cycleBottom = sheet.nextRow - 1;
    const span = (c: number) => new Span(sheet.ref(cycleTop, c), sheet.ref(cycleBottom, c));
    sheet.row(
      label("Σ amount × flows = circular volume"),
      calc(fx`SUMPRODUCT(${span(2)},${span(3)})`, {
        format: USD,
        expected: engineNumber(engine("circular_volume")),
      })
    );
  }
  sheet.blank();

  section(sheet, "Net positions (inflow − outflow) and the circulation's balance at each party");
  sheet.row(
    ...[
      "Party",
      "Inflow",
      "Outflow",
      "Net",
      "DealLoop engine",
      "Difference",
      "Circular in",
      "Circular out",
      "Balanced",
    ].map(header)
  );
  const net = tableOf(engine("net_positions"));
  for (const [party, value] of net) {
    const name = sheet.ahead(1);
    const [inflow, outflow, netRef, engineRef, , circIn, circOut] = [2, 3, 4, 5, 6, 7, 8].map((c) =>
      sheet.ahead(c)
    );
    const partyName = String(party);
    const sumIf = (range: Ref | Span, values: Span) => fx`SUMIF(${range},${name},${values})`;
    const inflowValue = sumOf(priced, (f) => f.to === partyName);
    const outflowValue = sumOf(priced, (f) => f.from === partyName);
    sheet.row(
      label(partyName),
      calc(sumIf(to, amounts), { format: USD, expected: inflowValue }),
      calc(sumIf(from, amounts), { format: USD, expected: outflowValue }),
      calc(fx`${inflow}-${outflow}`, { format: USD, expected: Number(value) }),
      check(Number(value), USD),
      calc(fx`${netRef}-${engineRef}`, { format: FORMATS.difference }),
      calc(sumIf(to, circular), { format: USD }),
      calc(sumIf(from, circular), { format: USD }),
      calc(fx`IF(ABS(${circIn}-${circOut})<=1E-9*MAX(1,${circIn}),"yes","NO")`)
    );
  }
  sheet.blank();

  section(sheet, "Flows the sources name without a figure (not in the sums above)");
  sheet.row(...["From", "To", "Kind", "Deal"].map(header));
  for (const flow of unpriced)
    sheet.row(
      label(flow.from),
      label(flow.to),
      label(flow.kind.replace(/_/g, " ")),
      label(flow.deal)
    );
  return [headline(totals[1], natives[1]), headline(totals[2], natives[2])];
}

function sumOf(flows: readonly NetworkFlow[], take: (flow: NetworkFlow) => boolean): number {
  return flows.filter(take).reduce((sum, f) => sum + (numberOf(f.amount) as number), 0);
}

export const CAPITAL_FLOW_NETWORK_TEMPLATE: Template = {
  name: "capital-flow-network",
  title: "Capital-flow network",
  summary:
    "the web of investment and spend flows in the library: circular volume and share, the cycles, each party's net position",
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
  contribute: (wb, context) => networkSheet(wb, networkInput(context)),
};
