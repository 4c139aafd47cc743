/**
 * The ic-summary template: a one-page investment-committee view of one deal (its parties, terms,
 * sourced figures with their status, the assumptions used, and the headline outputs of every
 * other template that applies), followed by those templates' sheets and the Sources &
 * assumptions sheet. Headline outputs are links to the sheets that compute them.
 */
import { FactTag, isRange, LibraryDeal, LibraryFact } from "../data/schema";
import { dealFlows, flowsBlock, today } from "./capitalFlowNetwork";
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
  Formula,
  fx,
  header,
  joinFormulas,
  label,
  numberLiteral,
  rawFormula,
  Ref,
  SheetBuilder,
  WorkbookBuilder,
} from "./builder";
import { assumed, AssumptionSpec, fact, numberOf } from "./datum";
import { runEngine } from "./engine";
import { FORMATS, SheetPlan } from "./plan";
import { scenarioSwitch } from "./scenario";
import { sourcesSheet } from "./sources";
import { planMeta, provenanceOf, Template, TemplateContext } from "./template";
import { formatForUnit } from "./units";

export const SUMMARY_SHEET = "IC summary";

const humanize = (key: string) => key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, " ");

function partiesLine(deal: LibraryDeal): string {
  const roles = new Map<string, string[]>();
  for (const { name, role } of deal.parties)
    roles.set(name, [...(roles.get(name) ?? []), role.replace(/_/g, " ")]);
  return [...roles].map(([name, list]) => `${name} (${list.join(", ")})`).join("; ");
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

/** What a reader must see beside a fact: its flags and its note. */
function flagsOf(f: LibraryFact): CellSpec {
  const words = [...(f.tags ?? []).map((tag) => TAG_WORDS[tag]), ...(f.note ? [f.note] : [])];
  return words.length > 0 ? label(words.join(" · "), "note") : null;
}

function factRows(sheet: SheetBuilder, deal: LibraryDeal): void {
  // Risks have their own section.
  const text = deal.facts.filter((f) => typeof f.value === "string" && !f.tags?.includes("risk"));
  const numeric = deal.facts.filter((f) => typeof f.value !== "string" && !f.derivation);
  const derived = deal.facts.filter((f) => typeof f.value === "number" && f.derivation);
  const columns = ["Term", "As the source words it", "Status", "Source", "Note"];
  if (text.length > 0) {
    section(sheet, "Terms");
    sheet.row(...columns.map(header));
    for (const f of text)
      sheet.row(
        label(humanize(f.key)),
        ...inputCells(fact(humanize(f.key), f.value as string, provenanceOf(deal, f))),
        flagsOf(f)
      );
  }
  section(sheet, "Figures");
  sheet.row(...["Figure", "Value", "Status", "Source", "Note"].map(header));
  const cells = new Map<string, Ref>();
  const place = (f: LibraryFact, name: string, value: number) => {
    const [, ref] = sheet.row(
      label(name),
      ...inputCells(fact(name, value, provenanceOf(deal, f)), formatForUnit(f.unit, value)),
      flagsOf(f)
    );
    return ref;
  };
  for (const f of numeric) {
    if (isRange(f.value)) {
      place(f, `${humanize(f.key)}, low`, f.value.low);
      place(f, `${humanize(f.key)}, high`, f.value.high);
    } else cells.set(f.key, place(f, humanize(f.key), f.value as number));
  }
  for (const f of derived) {
    const value = f.value as number;
    const formula = derivedFormula(f.derivation?.formula ?? "", cells);
    const name = humanize(f.key);
    if (!formula) {
      cells.set(f.key, place(f, name, value));
      continue;
    }
    const at = sheet.ahead(2);
    sheet.row(
      label(name),
      calc(formula, { format: formatForUnit(f.unit, value), expected: value }),
      label("derived", "tag"),
      label(`${f.derivation?.formula} (computed here from the figures above)`, "note")
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
function cappedReturn(sheet: SheetBuilder, context: TemplateContext): Headline[] {
  const { deal, overrides } = context;
  const get = (key: string) => deal.facts.find((f) => f.key === key && typeof f.value === "number");
  const [investment, share, stake, cap] = [
    "investment",
    "profit_share",
    "stake_in_for_profit_entity",
    "cap_multiple",
  ].map(get);
  if (!investment || !(share || stake) || !cap) return [];
  section(sheet, "Capped return (DEAL.CAPPED_RETURN)");
  sheet.row(...["Input", "Value", "Status", "Source / rationale"].map(header));
  const input = (f: LibraryFact, format: string) =>
    sheet.row(
      label(humanize(f.key)),
      ...inputCells(fact(humanize(f.key), f.value as number, provenanceOf(deal, f)), format)
    )[1];
  const I = input(investment, FORMATS.usdBillions);
  // A stake is not a profit share: when the source gives only the stake, taking one for the other is an assumption.
  const shareDatum = share
    ? fact(humanize(share.key), share.value as number, provenanceOf(deal, share))
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
  return [headline(rows[0], natives[0])];
}

/** The risks the sources name about this deal or about a company party to it. */
function riskRows(sheet: SheetBuilder, deal: LibraryDeal, deals: readonly LibraryDeal[]): void {
  const parties = new Set(deal.parties.map((p) => p.name));
  const about = deals.filter(
    (d) => d.id === deal.id || (d.kind === "company" && d.parties.some((p) => parties.has(p.name)))
  );
  const risks = about.flatMap((d) =>
    d.facts.filter((f) => f.tags?.includes("risk")).map((f) => ({ deal: d, fact: f }))
  );
  if (risks.length === 0) return;
  section(sheet, "Risks the sources name");
  sheet.row(...["Risk", "As the source words it", "Status", "Source", "Note"].map(header));
  for (const { deal: d, fact: f } of risks) {
    const name = d.id === deal.id ? humanize(f.key) : `${humanize(f.key)} (${d.title})`;
    sheet.row(
      label(name),
      ...inputCells(fact(name, f.value as string, provenanceOf(d, f))),
      f.note ? label(f.note, "note") : null
    );
  }
  sheet.blank();
}

/** This deal's own capital flows and its own circularity (the library's whole web has its own sheet). */
function ownFlows(wb: WorkbookBuilder, sheet: SheetBuilder, deal: LibraryDeal): void {
  const flows = dealFlows(deal);
  if (flows.length === 0) return;
  section(
    sheet,
    "This deal's capital flows (its own facts only; the whole library's web is on its own sheet)"
  );
  flowsBlock(wb, sheet, flows, today());
}

/** The summary sheet, the sheets of `templates` (those that apply, unless "chosen"), and the Sources & assumptions sheet. */
export function contributeSummary(
  wb: WorkbookBuilder,
  context: TemplateContext,
  templates: readonly Template[],
  /** "chosen": every template given is included, each missing fact a flagged cell to fill. */
  include: "applying" | "chosen" = "applying"
): Headline[] {
  const { deal, deals } = context;
  const sheet = wb.sheet(SUMMARY_SHEET, [22, 28, 14, 24, 12, 16, 12, 12, 12, 8]);
  titleBlock(wb, sheet, `Investment committee summary: ${deal.title}`, "The deal on one page");
  scenarioSwitch(wb, sheet);
  sheet.blank();
  section(sheet, "Deal");
  const line = (name: string, value: string) => sheet.row(label(name), label(value));
  line("Deal id", deal.id);
  line("Date", deal.era ? `${deal.era} (${deal.date})` : deal.date);
  line("Status", deal.status.replace(/_/g, " "));
  line("Parties", partiesLine(deal));
  line("Library origin", deal.origins.join(" + "));
  if (deal.note) line("Note", deal.note);
  sheet.blank();
  factRows(sheet, deal);
  sheet.blank();
  riskRows(sheet, deal, deals);
  ownFlows(wb, sheet, deal);
  const own = cappedReturn(sheet, context);
  sheet.blank();

  const applying =
    include === "chosen"
      ? templates
      : templates.filter((t) => t.applicability(deal, deals).applies);
  const outputs = applying.flatMap((t) =>
    t.contribute(wb, context).map((h) => ({ ...h, template: t.title }))
  );
  section(sheet, "Headline outputs (links to the sheets that compute them)");
  sheet.row(...["Output", "Value", "Template"].map(header));
  const headlines = [...own.map((h) => ({ ...h, template: "Capped return" })), ...outputs];
  for (const h of headlines) {
    sheet.row(
      label(h.label),
      calc(fx`${h.ref}`, {
        format: h.format,
        ...(h.expected !== undefined ? { expected: h.expected } : {}),
      }),
      label(h.template, "tag")
    );
  }
  const notApplying = templates.filter((t) => !applying.includes(t));
  if (notApplying.length > 0) {
    sheet.blank();
    section(sheet, "Templates that do not apply to this deal");
    for (const t of notApplying)
      sheet.row(label(t.title), label(t.applicability(deal, deals).missing.join("; "), "note"));
  }
  sheet.blank();
  section(
    sheet,
    "Assumptions used (shaded cells on every sheet; rationale in the Sources & assumptions sheet)"
  );
  sheet.row(...["Assumption", "Value", "Key", "Rationale"].map(header));
  const seen = new Set<string>();
  for (const { ref, cell } of wb.placed) {
    if (cell.kind !== "assumption" || seen.has(cell.key)) continue;
    seen.add(cell.key);
    sheet.row(
      label(cell.label),
      calc(fx`${ref}`, { ...(cell.format ? { format: cell.format } : {}) }),
      label(cell.key, "tag"),
      label(cell.rationale, "note")
    );
  }
  sourcesSheet(wb);
  return headlines;
}

export function icSummaryTemplate(others: readonly Template[]): Template {
  return {
    name: "ic-summary",
    title: "Investment committee summary",
    summary:
      "one page per deal: parties, terms, sourced figures with status, assumptions, the other templates' headline outputs; then those templates' sheets and a Sources & assumptions sheet",
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
    planMeta("ic-summary", context.deal, `Investment committee summary: ${context.deal.title}`)
  );
  contributeSummary(wb, context, templates, "chosen");
  return wb.build();
}
