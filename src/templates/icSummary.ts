/**
 * The ic-summary template: the investment-committee memo of one deal, first in its pack (the deal
 * in words, its key terms and figures, the numbers that answer the committee's questions with
 * their methods, the risks the sources name, open diligence questions, source quality), then the
 * models' sheets, the Assumptions appendix and the Sources & assumptions sheet. Headline numbers
 * are links to the sheets that compute them.
 */
import { dealKindWords, derivationWords, factWords, roleWords, statusWords } from "../data/labels";
import { factRange, FIRM_PART_KEYS, OVER, ROUGHLY, UP_TO } from "../data/ranges";
import { FACT_STATUSES, FactTag, isRange, LibraryDeal, LibraryFact } from "../data/schema";
import { circulationByRow } from "../engine/circularity";
import { dealFlows, today } from "./capitalFlowNetwork";
import { parseCellAddress } from "./a1";
import {
  Headline,
  headline,
  inputCells,
  OutputRow,
  outputRows,
  section,
  titleBlock,
} from "./blocks";
import {
  calc,
  CellSpec,
  documentLine,
  Formula,
  fx,
  header,
  joinFormulas,
  label,
  wrapped,
  numberLiteral,
  rawFormula,
  Ref,
  SheetBuilder,
  Span,
  stringLiteral,
  WorkbookBuilder,
} from "./builder";
import { chartBelow } from "./chartBlocks";
import { rangeCells } from "./charts";
import { assumed, AssumptionSpec, datumCell, Fact, fact, numberOf } from "./datum";
import { runEngine } from "./engine";
import { CachedValue } from "./evaluate";
import { FORMATS, PlannedChart, Provenance, SheetPlan } from "./plan";
import { textOf } from "./printFit";
import { scenarioSwitch } from "./scenario";
import { NO_FAILURE } from "./vendorLoopStress";
import { CaseValues, scenarioCases } from "./scenarioCases";
import { sourcesSheet } from "./sources";
import { planMeta, provenanceOf, Template, TemplateContext } from "./template";
import { formatForUnit } from "./units";

export const SUMMARY_SHEET = "IC summary";
export const ASSUMPTIONS_SHEET = "Assumptions";
const CAPPED_SHEET = "Capped return";

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function partiesLine(deal: LibraryDeal): string {
  const roles = new Map<string, string[]>();
  for (const { name, role } of deal.parties)
    roles.set(name, [...(roles.get(name) ?? []), roleWords(role)]);
  return [...roles].map(([name, list]) => `${name} (${list.join(", ")})`).join("; ");
}

/** An amount in words: $1.25B, $500M, $30. */
function money(value: number): string {
  const scale = Math.abs(value) >= 1e9 ? [1e9, "B"] : Math.abs(value) >= 1e6 ? [1e6, "M"] : [1, ""];
  return `$${Number((value / (scale[0] as number)).toFixed(2))}${scale[1]}`;
}

const numberFact = (deal: LibraryDeal, ...keys: string[]) =>
  keys
    .map((key) => deal.facts.find((f) => f.key === key && typeof f.value === "number"))
    .find(Boolean);

/** An amount with the source's hedge where a reader expects it: "up to $4B", "$50B (proposed)". */
function hedged(f: LibraryFact): string {
  const q = f.qualifier?.trim();
  const amount = money(f.value as number);
  if (!q) return amount;
  return [...UP_TO, ...OVER, ...ROUGHLY].includes(q.toLowerCase())
    ? `${q} ${amount}`
    : `${amount} (${q})`;
}

/** The deal in a few sentences from its facts: who invests what in whom, firm vs contingent, what comes back. */
export function dealSentences(deal: LibraryDeal): string[] {
  const named = (...roles: string[]) => [
    ...new Set(deal.parties.filter((p) => roles.includes(p.role)).map((p) => p.name)),
  ];
  const [investor, ...coInvestors] = named("investor", "lead_investor");
  const investee = named("investee")[0];
  const sentences: string[] = [];
  const investment = numberFact(deal, "investment");
  if (investor && investee && investment) {
    const total = numberFact(deal, "investment_cumulative");
    const co = coInvestors.length > 0 ? `, alongside ${coInvestors.join(", ")}` : "";
    sentences.push(
      `${investor} invests ${hedged(investment)} in ${investee}${co}${total ? `; ${hedged(total)} in total` : ""} (${statusWords(investment.status)}).`
    );
  } else sentences.push(`${deal.title}: ${dealKindWords(deal.kind ?? "investment")}.`);
  const firm = numberFact(deal, ...FIRM_PART_KEYS);
  const contingent = numberFact(deal, "tranche_contingent", "tranche_option");
  if (firm || contingent) {
    const triggers = deal.facts
      .filter((f) => f.key.startsWith("trigger_") && typeof f.value === "string")
      .map((f) => f.value as string);
    const parts = [
      firm && `firm: ${money(firm.value as number)} (${lowerFirst(factWords(firm.key))})`,
      contingent &&
        `contingent: ${money(contingent.value as number)} (${lowerFirst(factWords(contingent.key))}${triggers.length > 0 ? `, on ${triggers.join(" or ")}` : ""})`,
    ].filter(Boolean);
    sentences.push(`${upperFirst(parts.join("; "))}.`);
  }
  const customer = named("customer")[0];
  const vendor = named("vendor")[0];
  const spend = numberFact(deal, "spend_commitment");
  const spendTerms = deal.facts.find((f) => f.key === "spend_terms");
  if (customer && vendor && spend) {
    const years = numberFact(deal, "spend_years");
    sentences.push(
      `${customer} commits ${hedged(spend)} of spend back to ${vendor}${years ? ` over ${String(years.value)} years` : ""} (${statusWords(spend.status)}).`
    );
  } else if (customer && vendor && spendTerms)
    sentences.push(
      `${customer} commits back to ${vendor}: ${String(spendTerms.value)} (no amount stated).`
    );
  return sentences;
}

/** A derived fact's formula with its inputs' cells in place of their keys (the library's grammar is Excel's). */
function derivedFormula(formula: string, cells: ReadonlyMap<string, Ref>): Formula | undefined {
  const tokens = formula.match(/[a-z][a-z0-9_]*|\d+(?:\.\d+)?(?:e[+-]?\d+)?|[-+*/()]|\s+/gi) ?? [];
  if (tokens.join("") !== formula) return undefined;
  const parts: Formula[] = [];
  for (const token of tokens) {
    if (/^\s+$/.test(token)) continue;
    if (/^[a-z]/i.test(token)) {
      const ref = cells.get(token);
      if (!ref) return undefined;
      parts.push(fx`${ref}`);
    } else parts.push(rawFormula(/^\d/.test(token) ? numberLiteral(Number(token)) : token));
  }
  return joinFormulas(parts, "");
}

const TAG_WORDS: Record<FactTag, string> = {
  risk: "a risk the source names",
  ambiguous: "ambiguous in the source",
  possibly_superseded: "possibly superseded",
};

/** The band the ranges module reads from the source's own hedge, in words. */
function bandWords(deal: LibraryDeal, f: LibraryFact): string[] {
  const { band } = factRange(deal, f);
  if (!band || band.rule === "range" || typeof f.value !== "number") return [];
  const format = (v: number | null) => (v === null ? "no bound" : money(v));
  return [`band ${format(band.low)} to ${format(band.high)}: ${band.method}`];
}

/** Column widths of the memo: a label, a value, two band ends, the words, the sheet or a note. */
const MEMO_WIDTHS = [30, 12, 12, 12, 62, 30];

/**
 * The memo cites each document by a number, listed at its foot by title, kind and date; each
 * figure's section, status and date are on the Sources & assumptions sheet (wrapped citations
 * beside every row took the memo past two pages).
 */
class Citations {
  private readonly numbers = new Map<string, number>();

  cite(source: Provenance): CellSpec {
    const line = documentLine(source);
    if (!this.numbers.has(line)) this.numbers.set(line, this.numbers.size + 1);
    return label(`[${this.numbers.get(line)}]`, "note");
  }

  list(sheet: SheetBuilder): void {
    if (this.numbers.size === 0) return;
    section(sheet, "Sources cited");
    // Within columns A to D (a chart may stand beside): a longer line wraps in its column.
    for (const [line, n] of this.numbers) {
      const text = `[${n}] ${line}`;
      sheet.row(text.length > 64 ? wrapped(text, "note") : label(text, "note"));
    }
    sheet.row(label("Sections, statuses, dates: the Sources & assumptions sheet.", "note"));
    sheet.blank();
  }
}

/** What a reader must see beside a figure: the source's hedge or the band it gives, its flags, its note. */
function figureNote(deal: LibraryDeal, f: LibraryFact): CellSpec {
  const band = f.unit === "USD" ? bandWords(deal, f) : [];
  const words = [
    ...(f.tags ?? []).map((tag) => TAG_WORDS[tag]),
    ...(band.length > 0 ? band : f.qualifier ? [f.qualifier] : []),
    ...(f.note ? [f.note] : []),
  ];
  return words.length > 0 ? wrapped(words.join(" · "), "note") : null;
}

/** A sourced figure: its value, status and document number, and what to read beside it. */
function figureRow(
  sheet: SheetBuilder,
  citations: Citations,
  datum: Fact,
  format: string,
  note: CellSpec
): Ref {
  const [, ref] = sheet.row(
    wrapped(datum.label),
    datumCell(datum, format),
    label(statusWords(datum.source.status), "tag"),
    citations.cite(datum.source),
    note
  );
  return ref;
}

/** A sourced text (a term, a risk): its status and document number, its words as the source has them, a note. */
function wordsRow(
  sheet: SheetBuilder,
  citations: Citations,
  datum: Fact,
  notes: readonly (string | undefined)[]
): void {
  const note = [datum.source.qualifier, ...notes].filter(Boolean).join(" · ");
  sheet.row(
    wrapped(datum.label),
    null,
    label(statusWords(datum.source.status), "tag"),
    citations.cite(datum.source),
    { ...datumCell(datum), wrap: true },
    note ? wrapped(note, "note") : null
  );
}

const WORDS_HEADER = (first: string) =>
  [first, "", "Status", "Source", "As the source words it", "Note"].map((t) =>
    t ? header(t) : null
  );

function factRows(sheet: SheetBuilder, deal: LibraryDeal, citations: Citations): void {
  // Risks have their own section.
  const text = deal.facts.filter((f) => typeof f.value === "string" && !f.tags?.includes("risk"));
  const numeric = deal.facts.filter((f) => typeof f.value !== "string" && !f.derivation);
  const derived = deal.facts.filter((f) => typeof f.value === "number" && f.derivation);
  if (text.length > 0) {
    section(sheet, "Key terms");
    sheet.row(...WORDS_HEADER("Term"));
    for (const f of text)
      wordsRow(sheet, citations, fact(factWords(f.key), f.value as string, provenanceOf(deal, f)), [
        ...(f.tags ?? []).map((tag) => TAG_WORDS[tag]),
        f.note,
      ]);
    sheet.blank();
  }
  if (numeric.length + derived.length === 0) return;
  section(sheet, "Key figures, as the sources state them");
  sheet.row(...["Figure", "Value", "Status", "Source", "The source's hedge, and note"].map(header));
  const cells = new Map<string, Ref>();
  // One scale and enough decimals per unit, so the parts visibly add to their total.
  const table = (unit: string) =>
    [...numeric, ...derived]
      .filter((f) => f.unit === unit)
      .flatMap((f) => (isRange(f.value) ? [f.value.low, f.value.high] : [f.value as number]));
  const format = (f: LibraryFact, value: number) => formatForUnit(f.unit, value, table(f.unit));
  const place = (f: LibraryFact, name: string, value: number) =>
    figureRow(
      sheet,
      citations,
      fact(name, value, provenanceOf(deal, f)),
      format(f, value),
      figureNote(deal, f)
    );
  for (const f of numeric) {
    if (isRange(f.value)) {
      place(f, `${factWords(f.key)}, low`, f.value.low);
      place(f, `${factWords(f.key)}, high`, f.value.high);
    } else cells.set(f.key, place(f, factWords(f.key), f.value as number));
  }
  for (const f of derived) {
    const value = f.value as number;
    const formula = derivedFormula(f.derivation?.formula ?? "", cells);
    const name = factWords(f.key);
    if (!formula) {
      cells.set(f.key, place(f, name, value));
      continue;
    }
    const at = sheet.ahead(2);
    sheet.row(
      wrapped(name),
      calc(formula, { format: format(f, value), expected: value }),
      label(statusWords("derived"), "tag"),
      null,
      wrapped(`computed here: ${derivationWords(f.derivation?.formula ?? "")}`, "note")
    );
    cells.set(f.key, at);
  }
}

const PROFITS_SPEC: AssumptionSpec = {
  key: "total_profits",
  label: "Cumulative profits of the investee",
  description: "the profits the capped stake shares in",
  domain: { fn: "CAPPED_RETURN", param: "total_profits" },
};

const SHARE_SPEC: AssumptionSpec = {
  key: "profit_share",
  label: "Share of profits",
  description: "the capped investor's share of the profits",
  domain: { fn: "CAPPED_RETURN", param: "profit_share" },
};

/** CAPPED_RETURN, natively, for a deal with a profit share and a return cap. */
function cappedReturn(wb: WorkbookBuilder, context: TemplateContext): Headline[] {
  const { deal, overrides } = context;
  const get = (key: string) => deal.facts.find((f) => f.key === key && typeof f.value === "number");
  const [investment, share, stake, cap] = [
    "investment",
    "profit_share",
    "stake_in_for_profit_entity",
    "cap_multiple",
  ].map(get);
  if (!investment || !(share || stake) || !cap) return [];
  const sheet = wb.sheet(CAPPED_SHEET, [36, 16, 18, 60]);
  titleBlock(wb, sheet, `Capped return: ${deal.title}`, "The capped investor's payout");
  section(sheet, "Inputs");
  sheet.row(...["Input", "Value", "Status", "Source / rationale"].map(header));
  const input = (f: LibraryFact, format: string) =>
    sheet.row(
      label(factWords(f.key)),
      ...inputCells(fact(factWords(f.key), f.value as number, provenanceOf(deal, f)), format)
    )[1];
  const I = input(investment, FORMATS.usdBillions);
  // A stake is not a profit share: when the source gives only the stake, taking one for the other is an assumption.
  const shareDatum = share
    ? fact(factWords(share.key), share.value as number, provenanceOf(deal, share))
    : assumed(
        SHARE_SPEC,
        (stake as LibraryFact).value as number,
        `The source gives a ${String(Math.round(((stake as LibraryFact).value as number) * 100))}% stake ${stake?.qualifier ?? ""}, not a share of profits; the stake is taken as the share.`,
        overrides
      );
  const [, g] = sheet.row(label(shareDatum.label), ...inputCells(shareDatum, FORMATS.percent));
  const m = input(cap, FORMATS.multiple);
  const profits = assumed(
    PROFITS_SPEC,
    1e12,
    "Illustrative: one trillion dollars of cumulative profits. The cap binds only beyond cap × investment ÷ share.",
    overrides
  );
  const [, P] = sheet.row(label(profits.label), ...inputCells(profits, FORMATS.usdBillions));
  const engine = runEngine("CAPPED_RETURN", {
    investment: investment.value as number,
    profit_share: numberOf(shareDatum),
    cap_multiple: cap.value as number,
    total_profits: numberOf(profits),
  });
  section(sheet, "Outputs (DEAL.CAPPED_RETURN computes the same)");
  const payout = sheet.ahead(2);
  const rows: OutputRow[] = [
    {
      label: "Payout to the capped investor",
      formula: fx`MIN(${g}*${P},${m}*${I})`,
      engine: engine("payout"),
      format: FORMATS.usdBillions,
      emphasis: true,
    },
    {
      label: "Multiple of its money",
      formula: fx`${payout}/${I}`,
      engine: engine("multiple"),
      format: FORMATS.multiple,
    },
    {
      label: "Excess that flows to others",
      formula: fx`${g}*${P}-${payout}`,
      engine: engine("excess_to_others"),
      format: FORMATS.usdBillions,
    },
    {
      label: "Profits at which the cap binds",
      formula: fx`${m}*${I}/${g}`,
      engine: engine("profits_to_reach_cap"),
      format: FORMATS.usdBillions,
    },
  ];
  const natives = outputRows(sheet, rows);
  return [
    headline(
      rows[0],
      natives[0],
      "min(profit share × cumulative profits, cap multiple × investment), at an illustrative $1T of cumulative profits"
    ),
  ];
}

/** The risks the sources name about this deal or about a company party to it. */
function riskRows(
  sheet: SheetBuilder,
  deal: LibraryDeal,
  deals: readonly LibraryDeal[],
  citations: Citations
): void {
  const parties = new Set(deal.parties.map((p) => p.name));
  const about = deals.filter(
    (d) => d.id === deal.id || (d.kind === "company" && d.parties.some((p) => parties.has(p.name)))
  );
  const risks = about.flatMap((d) =>
    d.facts.filter((f) => f.tags?.includes("risk")).map((f) => ({ deal: d, fact: f }))
  );
  if (risks.length === 0) return;
  section(sheet, "Risks the sources name");
  sheet.row(...WORDS_HEADER("Risk"));
  for (const { deal: d, fact: f } of risks)
    wordsRow(sheet, citations, fact(factWords(f.key), f.value as string, provenanceOf(d, f)), [
      d.id === deal.id ? undefined : `on ${lowerFirst(d.title)}`,
      f.note,
    ]);
  sheet.blank();
}

/** This deal's own capital flows and its own circularity (the library's whole web has its own sheet). */
function ownFlows(sheet: SheetBuilder, deal: LibraryDeal): void {
  const flows = dealFlows(deal);
  if (flows.length === 0) return;
  section(
    sheet,
    "This deal's capital flows (its own facts only; the whole library's web is on its own sheet)"
  );
  // The memo's six columns: the full table, with sources, is on the Capital-flow web sheet.
  const priced = flows.filter((f) => f.amount);
  const circulation = circulationByRow(
    priced.map((f) => ({ from: f.from, to: f.to, amount: numberOf(f.amount) as number }))
  );
  sheet.row(
    ...["From", "To", "Type", "Amount", "How firm", `Circular part (computed ${today()})`].map(
      header
    )
  );
  const top = sheet.nextRow;
  if (priced.length === 0) sheet.row(label("No flow of this deal has a figure"), null);
  priced.forEach((flow, i) => {
    const [value] = inputCells(flow.amount as Fact, FORMATS.usdBillions);
    sheet.row(
      label(flow.from),
      label(flow.to),
      wrapped(flow.type),
      value,
      wrapped(flow.commitment),
      label(circulation[i], "text", FORMATS.usdBillions)
    );
  });
  const span = (c: number) => new Span(sheet.ref(top, c), sheet.ref(sheet.nextRow - 1, c));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const [amounts, circular] = [span(4), span(6)];
  sheet.row(
    label("Gross volume (both kinds)"),
    calc(fx`SUM(${amounts})`, {
      format: FORMATS.usdBillions,
      expected: sum(priced.map((f) => numberOf(f.amount) as number)),
    })
  );
  sheet.row(
    label("Circular volume, counted on every leg"),
    calc(fx`SUM(${circular})`, { format: FORMATS.usdBillions, expected: sum(circulation) })
  );
  for (const flow of flows.filter((f) => !f.amount))
    sheet.row(label(flow.from), label(flow.to), wrapped(flow.type), label("no figure", "tag"));
  sheet.blank();
}

type Placed = WorkbookBuilder["placed"][number];

/** What a model would need, in words: the fact keys a command-line user reads become names. */
const missingWords = (template: Template, deal: LibraryDeal, deals: readonly LibraryDeal[]) =>
  template
    .applicability(deal, deals)
    .missing.join("; ")
    .replace(/\s*\([^)]*\b[a-z0-9]+_[a-z0-9_]+[^)]*\)/g, "")
    .replace(/\b[a-z0-9]+_[a-z0-9_]+\b/g, (key) => lowerFirst(factWords(key)));

/** Each assumption the workbook uses, once (grid steps and scenario factors are presentation, not terms). */
function assumptionsUsed(wb: WorkbookBuilder): Placed[] {
  const seen = new Set<string>();
  return wb.placed.filter(({ cell }) => {
    if (cell.kind !== "assumption" || seen.has(cell.key)) return false;
    seen.add(cell.key);
    return true;
  });
}

/** The assumptions a diligence team would ask about (not the Scenario switch, grid steps or scenario factors). */
const isTerm = ({ cell }: Placed) =>
  cell.kind === "assumption" && cell.key !== "scenario" && !/_(step|factor)$/.test(cell.key);

type MemoHeadline = Headline & { template: string };

const same = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** A case's value as the memo shows it where it is not a number. */
const caseWords = (value: CachedValue | undefined): string =>
  value === undefined ? "not computed" : typeof value === "object" ? value.error : String(value);

/**
 * The Low and High cells of an output whose sheet computes only its point: its values with the
 * Scenario switch at Low and at High, or "the same in every case" where they equal the Base.
 */
function switchBand(format: string, values: CaseValues) {
  const { Low: low, Base: base, High: high } = values;
  if (typeof low === "number" && typeof base === "number" && typeof high === "number") {
    if (same(low, base) && same(high, base))
      return { cells: [label("the same in every case", "note"), null] };
    return {
      cells: [label(low, "text", format), label(high, "text", format)],
      computed: { low, base, high },
    };
  }
  if (low === base && high === base)
    return { cells: [label("the same in every case", "note"), null] };
  const shown = (v: CachedValue | undefined) =>
    typeof v === "number" ? label(v, "text", format) : label(caseWords(v), "note");
  return { cells: [shown(low), shown(high)] };
}

/** The band check's two answers, dated the day the cases were computed. */
const bandCurrent = (day: string) =>
  `the figure with the Scenario switch at Low and at High, computed ${day}; the inputs are unchanged since`;
const bandStale = (day: string) =>
  `inputs changed since the cases were computed (${day}): write the workbook again for current Low and High cases`;

/**
 * The numbers that answer the committee's questions, each with its method and its band: the
 * sheet's own live low and high where it computes them, else the output's values with the
 * Scenario switch at Low and at High (a snapshot, with a live check that says when it is stale).
 * A right's value is shown apart.
 */
function headlineRows(
  sheet: SheetBuilder,
  headlines: readonly MemoHeadline[],
  cases: (at: Ref) => CaseValues,
  scenario: Ref
) {
  const link = (ref: Ref, format: string, expected?: number) =>
    calc(fx`${ref}`, { format, ...(expected !== undefined ? { expected } : {}) });
  const stale: Formula[] = [];
  const table = (rows: readonly MemoHeadline[]) => {
    sheet.row(
      ...["Figure", "Value", "Low case", "High case", "How it is computed", "Sheet"].map(header)
    );
    for (const h of rows) {
      const value = sheet.ahead(2);
      const band = h.range
        ? {
            cells: [
              link(h.range.low.ref, h.format, h.range.low.expected),
              link(h.range.high.ref, h.format, h.range.high.expected),
            ],
          }
        : switchBand(h.format, cases(h.ref));
      if ("computed" in band && band.computed) {
        const { low, base, high } = band.computed;
        const [lo, ba, hi] = [low, base, high].map((v) => rawFormula(numberLiteral(v)));
        const tolerance = rawFormula(numberLiteral(1e-7 * Math.max(1, Math.abs(base))));
        stale.push(
          fx`IFERROR(ABS(${value}-IF(${scenario}="Low",${lo},IF(${scenario}="High",${hi},${ba})))>${tolerance},TRUE)`
        );
      }
      sheet.row(
        wrapped(h.label),
        link(h.ref, h.format, h.expected),
        ...band.cells,
        wrapped(h.method, "note"),
        label(h.template, "tag")
      );
    }
  };
  const costs = headlines.filter((h) => !h.right);
  const rights = headlines.filter((h) => h.right);
  if (costs.length > 0) {
    section(sheet, "The numbers that answer the committee's questions (links to their sheets)");
    table(costs);
  }
  if (rights.length > 0) {
    section(
      sheet,
      "Value of a right the investor holds: to its holder, not an outlay, and not an alternative to the figures above"
    );
    table(rights);
  }
  if (stale.length > 0) {
    const [current, changed] = [bandCurrent(today()), bandStale(today())];
    // Any check TRUE: the sum of the checks (TRUE counts 1) is positive; OR is not in the classic set.
    sheet.row(
      wrapped("Low and High cases shown as values"),
      null,
      null,
      null,
      calc(
        fx`IF(${joinFormulas(stale, "+")}>0,${rawFormula(stringLiteral(changed))},${rawFormula(stringLiteral(current))})`,
        { shows: current }
      )
    );
  }
  sheet.blank();
}

/** The first row of a sheet of `plan` whose first cell is a label starting with `text`. */
function rowStarting(plan: SheetPlan, text: string): Ref | undefined {
  for (const planned of plan.sheets) {
    const r = planned.rows.findIndex(([first]) => textOf(first)?.startsWith(text) ?? false);
    if (r >= 0) return new Ref(planned.name, r + 1, 1);
  }
  return undefined;
}

/**
 * The vendor-loop stress in two lines and a break-even, linked live to the stress tables: the NPV
 * if the customer fails in the stress year, with every stress and the stake written off, and the
 * break-even vendor margin when all the commitment is spent.
 */
function stressRows(
  sheet: SheetBuilder,
  wb: WorkbookBuilder,
  plan: SheetPlan,
  cases: (at: Ref) => CaseValues
): void {
  const failed = rowStarting(plan, "The customer fails in the year above");
  const all = rowStarting(plan, "All three together, the stake written off");
  const year = wb.placed.find(
    ({ cell }) => cell.kind === "assumption" && cell.key === "failure_year"
  );
  if (!failed || !all || !year) return;
  const shown = year.cell.value;
  const yearLink = calc(fx`${year.ref}`, {
    format: FORMATS.integer,
    ...(typeof shown === "string" ? { shows: shown } : {}),
  });
  const usd = (ref: Ref) => calc(fx`${ref}`, { format: FORMATS.usdBillions });
  section(sheet, "Stress: the vendor loop if the customer fails or the spend earns less (links)");
  sheet.row(
    ...[
      "Stress",
      "NPV",
      "Change",
      "Fails in",
      "How it is computed (change: from no stress)",
      "Sheet",
    ].map(header)
  );
  // The row says whether a failure was run: with None, its NPV is the unstressed one.
  const [notRun, run] = [
    "Customer failure: not run (no failure year set)",
    "NPV if the customer fails from the year shown",
  ];
  sheet.row(
    calc(fx`IF(${year.ref}=${NO_FAILURE},${notRun},${run})`, {
      shows: shown === NO_FAILURE ? notRun : run,
    }),
    usd(failed.offset(0, 1)),
    usd(failed.offset(0, 2)),
    yearLink,
    wrapped(
      "this deal's decision with no spend, investment or capex from the stress year on and the stake worth nothing (None: no failure)",
      "note"
    ),
    label(failed.sheet, "tag")
  );
  sheet.row(
    wrapped("Margin compressed, only the incremental spend, any failure set; stake written off"),
    usd(all.offset(0, 1)),
    usd(all.offset(0, 2)),
    yearLink,
    wrapped(
      "the failure, the margin compressed and only the incremental spend earning a margin, at the stress assumptions of the sheet; the stake written off in present value",
      "note"
    ),
    label(all.sheet, "tag")
  );
  // The grid's share-spent axis: the break-even margin where all the commitment is spent.
  const breakEven = rowStarting(plan, "Break-even margin at this share spent");
  const axis = rowStarting(plan, "Vendor margin ↓ · share spent →");
  const whole = [1, 2, 3, 4, 5, 6].find((k) => axis && cases(axis.offset(0, k)).Base === 1);
  if (breakEven && whole)
    sheet.row(
      wrapped("Break-even vendor margin, all the commitment spent"),
      calc(fx`${breakEven.offset(0, whole)}`, { format: FORMATS.percent }),
      null,
      null,
      wrapped(
        "the margin at which this deal's NPV is zero (no failure): PV of the investment and the capex after its tax deduction less the stake, over the PV of the spend after tax",
        "note"
      ),
      label(breakEven.sheet, "tag")
    );
  sheet.blank();
}

/**
 * The deal's most telling chart on the memo: the first bridge (a waterfall) the model sheets draw,
 * else their first chart, over a table of links to the cells it plots, so it follows every input.
 */
function memoChart(sheet: SheetBuilder, plan: SheetPlan): number | undefined {
  const drawn = plan.sheets.flatMap((planned) =>
    (planned.charts ?? []).map((chart) => ({ planned, chart }))
  );
  const isBridge = (chart: PlannedChart) =>
    chart.kind === "stacked-column" && chart.series.some((s) => s.fill === "none");
  const chosen = drawn.find(({ chart }) => isBridge(chart)) ?? drawn[0];
  if (!chosen || chosen.chart.series.length > MEMO_WIDTHS.length - 1) return undefined;
  const { planned, chart } = chosen;
  const cellRef = (address: string) => {
    const { row, column } = parseCellAddress(address);
    return new Ref(planned.name, row, column);
  };
  section(sheet, `Chart, linked from the ${planned.name} sheet (the table it plots)`);
  const headerRow = sheet.nextRow;
  sheet.row(header(""), ...chart.series.map((s) => header(s.name)));
  const categories = rangeCells(chart.series[0].categories) ?? [];
  const values = chart.series.map((s) => rangeCells(s.values) ?? []);
  const top = sheet.nextRow;
  categories.forEach((address, i) => {
    const { row, column } = parseCellAddress(address);
    const name = textOf(planned.rows[row - 1]?.[column - 1] ?? null);
    sheet.row(
      calc(fx`${cellRef(address)}`, name !== undefined ? { shows: name } : {}),
      ...values.map((cells) =>
        calc(fx`${cellRef(cells[i])}`, chart.valueFormat ? { format: chart.valueFormat } : {})
      )
    );
  });
  const bottom = sheet.nextRow - 1;
  const column = (c: number) => new Span(sheet.ref(top, c), sheet.ref(bottom, c));
  // Beside its table (columns E and F) when the table leaves them free, else under it.
  const beside = chart.series.length <= 3;
  const anchor = beside
    ? { at: sheet.ref(headerRow, 5), columns: 2, rows: CHART_ROWS }
    : chartBelow(sheet, { columns: 5, rows: CHART_ROWS });
  sheet.chart({
    kind: chart.kind,
    title: chart.title,
    ...(chart.valueFormat ? { valueFormat: chart.valueFormat } : {}),
    series: chart.series.map((s, k) => ({
      name: s.name,
      categories: column(1),
      values: column(k + 2),
      ...(s.fill ? { fill: s.fill } : {}),
    })),
    anchor,
  });
  if (!beside) return undefined;
  sheet.blank();
  return headerRow + CHART_ROWS - 1;
}

/** Rows the memo's chart takes. */
const CHART_ROWS = 14;

/** Why nothing is computed, and what is missing: never an empty table. */
function nothingComputed(
  sheet: SheetBuilder,
  deal: LibraryDeal,
  notApplying: readonly Template[],
  deals: readonly LibraryDeal[]
) {
  section(sheet, "No computed output for this deal");
  const words =
    "No model applies to this deal's facts, so this memo states the sourced terms and figures only.";
  sheet.row(label(notApplying.length > 0 ? `${words} What each model would need:` : words, "note"));
  for (const t of notApplying)
    sheet.row(label(t.title), null, null, null, wrapped(missingWords(t, deal, deals), "note"));
  sheet.blank();
}

/** Each assumption the model makes where the sources are silent, as a question with its assumed value. */
function diligenceQuestions(sheet: SheetBuilder, used: readonly Placed[]): void {
  const terms = used.filter(isTerm);
  if (terms.length === 0) return;
  section(
    sheet,
    "Open diligence questions: what the sources do not state and the model assumes (where and why: the Assumptions appendix)"
  );
  sheet.row(
    header("Question"),
    null,
    null,
    header("Assumed"),
    header("Question"),
    header("Assumed")
  );
  const cells = terms.flatMap(({ ref, cell }) =>
    cell.kind !== "assumption"
      ? []
      : [
          [
            label(`${upperFirst(cell.label)}?`),
            cell.missing
              ? label("not stated: fill in", "warning")
              : calc(fx`${ref}`, {
                  ...(cell.format ? { format: cell.format } : {}),
                  ...(typeof cell.value === "string" ? { shows: cell.value } : {}),
                }),
          ],
        ]
  );
  // Two questions a row: the first in A (its words run on over B and C), the second in E.
  for (let i = 0; i < cells.length; i += 2) {
    const [left, right] = [cells[i], cells[i + 1]];
    sheet.row(left[0], null, null, left[1], ...(right ?? []));
  }
  sheet.blank();
}

/** How firm the deal's figures are: how many the sources announce, report, are in talks on, estimate, or derive. */
function sourceQuality(sheet: SheetBuilder, deal: LibraryDeal): void {
  section(sheet, "Source quality: facts by how firm the source makes them");
  sheet.row(...["Status", "Facts", "Hedged"].map(header));
  for (const status of FACT_STATUSES) {
    const facts = deal.facts.filter((f) => f.status === status);
    if (facts.length === 0) continue;
    sheet.row(
      label(upperFirst(statusWords(status))),
      label(facts.length, "text", "0"),
      label(facts.filter((f) => f.qualifier || isRange(f.value)).length, "text", "0")
    );
  }
  sheet.blank();
}

/** The appendix: every assumption used, linked to the cell that holds it. */
function assumptionsSheet(wb: WorkbookBuilder, used: readonly Placed[], deal: LibraryDeal): void {
  if (used.length === 0 && dealFlows(deal).length === 0) return;
  const sheet = wb.sheet(ASSUMPTIONS_SHEET, [32, 14, 16, 66]);
  titleBlock(
    wb,
    sheet,
    "Appendix: assumptions, and this deal's capital flows",
    "Every value no source states (shaded cells on the model sheets)"
  );
  sheet.row(...["Assumption", "Value", "Sheet", "Rationale"].map(header));
  for (const { ref, cell } of used) {
    if (cell.kind !== "assumption") continue;
    sheet.row(
      wrapped(cell.label),
      cell.missing
        ? label("not stated: fill in", "warning")
        : calc(fx`${ref}`, cell.format ? { format: cell.format } : {}),
      label(ref.sheet, "tag"),
      wrapped(cell.rationale, "note")
    );
  }
  sheet.blank();
  // Detail the memo leaves out to keep to two pages.
  ownFlows(sheet, deal);
}

/**
 * The IC memo (first), the sheets of `templates` (those that apply, unless "chosen"), the
 * Assumptions appendix and the Sources & assumptions sheet.
 */
export function contributeSummary(
  wb: WorkbookBuilder,
  context: TemplateContext,
  templates: readonly Template[],
  /** "chosen": every template given is included, each missing fact a flagged cell to fill. */
  include: "applying" | "chosen" = "applying"
): Headline[] {
  const { deal, deals } = context;
  const sheet = wb.sheet(SUMMARY_SHEET, MEMO_WIDTHS);
  titleBlock(
    wb,
    sheet,
    `Investment committee memo: ${deal.title}`,
    `${upperFirst(dealKindWords(deal.kind ?? "investment"))}, ${statusWords(deal.status)}`
  );
  const scenario = scenarioSwitch(wb, sheet);
  sheet.blank();
  section(sheet, "The deal");
  for (const sentence of dealSentences(deal)) sheet.row(label(sentence));
  sheet.row(label(`Parties: ${partiesLine(deal)}.`));
  if (deal.note) sheet.row(wrapped(deal.note, "note"));
  sheet.blank();
  const citations = new Citations();
  factRows(sheet, deal, citations);
  sheet.blank();

  const own = cappedReturn(wb, context).map((h) => ({ ...h, template: CAPPED_SHEET }));
  const applying =
    include === "chosen"
      ? templates
      : templates.filter((t) => t.applicability(deal, deals).applies);
  const outputs = applying.flatMap((t) =>
    t.contribute(wb, context).map((h) => ({ ...h, template: t.title }))
  );
  const headlines = [...own, ...outputs];
  const notApplying = templates.filter((t) => !applying.includes(t));
  // Every model sheet is placed: the plan so far gives the cells to link and the cases to show.
  const plan = wb.build();
  if (headlines.length > 0) {
    const cases = scenarioCases(plan);
    headlineRows(sheet, headlines, cases, scenario);
    stressRows(sheet, wb, plan, cases);
  } else nothingComputed(sheet, deal, notApplying, deals);
  riskRows(sheet, deal, deals, citations);
  const used = assumptionsUsed(wb);
  diligenceQuestions(sheet, used);
  if (headlines.length > 0 && notApplying.length > 0) {
    section(sheet, "Models that do not apply to this deal, and what they would need");
    for (const t of notApplying)
      sheet.row(label(t.title), null, null, null, wrapped(missingWords(t, deal, deals), "note"));
    sheet.blank();
  }
  // The chart last: the source quality and the sources cited print beside it when it is narrow.
  const chartEnd = memoChart(sheet, plan);
  sourceQuality(sheet, deal);
  citations.list(sheet);
  if (chartEnd) sheet.blank(Math.max(0, chartEnd + 1 - sheet.nextRow));
  assumptionsSheet(wb, used, deal);
  sourcesSheet(wb);
  return headlines;
}

export function icSummaryTemplate(others: readonly Template[]): Template {
  return {
    name: "ic-summary",
    title: "Investment committee memo",
    summary:
      "the deal in a few sentences, its key terms and figures, the numbers that answer the committee's questions with their methods, the risks the sources name, open diligence questions and source quality; then the models' sheets, an Assumptions appendix and a Sources & assumptions sheet",
    facts: [
      { key: "any", description: "the deal's facts, as the library holds them", required: false },
    ],
    assumptions: [PROFITS_SPEC, SHARE_SPEC],
    applicability(deal) {
      const applies =
        deal.kind === undefined || ["investment", "round", "commercial"].includes(deal.kind);
      return { applies, missing: applies ? [] : [`a deal (this is ${deal.kind} data)`] };
    },
    contribute: (wb, context) => contributeSummary(wb, context, others),
  };
}

/**
 * An IC pack: the summary with a chosen set of templates (issue 6's `dealloop pack`). A template
 * the deal lacks facts for is included as `workbook` writes it: each missing figure a cell to fill.
 */
export function buildSummaryPlan(
  context: TemplateContext,
  templates: readonly Template[]
): SheetPlan {
  const wb = new WorkbookBuilder(
    planMeta("ic-summary", context.deal, `Investment committee memo: ${context.deal.title}`)
  );
  contributeSummary(wb, context, templates, "chosen");
  return wb.build();
}
