/**
 * The valuation-ladder template: a company's rounds and valuation marks in order, with
 * post-money, the new money's stake, the step-up from the round before, the implied annual
 * growth and what a 1% holder before the first round keeps (DEAL.VALUATION_STEP, natively).
 */
import { findAssumption } from "../data/assumptions";
import { valuationLadder } from "../data/library";
import { isRange, LibraryDeal } from "../data/schema";
import {
  CheckRow,
  checkRows,
  Headline,
  headline,
  inputRows,
  InputRow,
  section,
  titleBlock,
} from "./blocks";
import { calc, CellSpec, Formula, fx, header, label, Ref, WorkbookBuilder } from "./builder";
import { assumed, AssumptionSpec, Datum, fact, numberOf } from "./datum";
import { engineNumber, runEngine } from "./engine";
import { FORMATS } from "./plan";
import { findFact, provenanceOf, Template, TemplateContext } from "./template";

type Figure = "pre_money" | "post_money" | "valuation";

export interface Rung {
  label: string;
  date: string;
  /** Which figure the source gives: a pre-money, a post-money, or a valuation that does not say. */
  figure: Figure;
  /** One number, or the two ends of a range (the ladder uses the midpoint). */
  valuation: Datum | { low: Datum; high: Datum };
  /** The new money, when the source states it. */
  investment?: Datum;
  /** The date as a decimal year, for the years between rungs. */
  year: Datum;
  highlight: boolean;
}

export interface LadderInput {
  title: string;
  company: string;
  /** "post_money" or "pre_money": how to read a valuation that does not say. */
  basis: Datum;
  rungs: readonly Rung[];
}

const { usdBillions: USD, percent: PCT } = FORMATS;
const NOT_STATED = "not stated";

const yearSpec = (dealId: string): AssumptionSpec => ({
  key: `year_${dealId.replace(/-/g, "_")}`,
  label: "date as a year",
  description: `${dealId}'s date as a decimal year`,
  domain: { name: "year", kind: "number", rule: { min: 1900, max: 2200 } },
});

const BASIS_SPEC: AssumptionSpec = {
  key: "valuation_basis",
  label: "Valuation basis when the source does not say",
  description: "whether a stated valuation is read as post-money or pre-money",
  domain: { name: "valuation_basis", kind: "choice", choices: ["post_money", "pre_money"] },
};

/** "2023-05" → 2023.375 (mid-month); "2026" → 2026.5; "2025/2026" → the midpoint of both ends. */
export function decimalYear(date: string): number {
  const point = (part: string) => {
    const [year, month, day] = part.split("-").map(Number);
    if (month === undefined) return year + 0.5;
    if (day === undefined) return year + (month - 0.5) / 12;
    return year + (month - 1) / 12 + (day - 0.5) / 365;
  };
  const ends = date.split("/").map(point);
  return ends.reduce((a, b) => a + b, 0) / ends.length;
}

export function ladderInput({ deal, deals, overrides }: TemplateContext): LadderInput {
  const company = ladderCompany(deal) ?? "(company)";
  const rungs = valuationLadder(deals, company)
    .filter((rung) => rung.date <= deal.date)
    .map((rung): Rung => {
      const source = deals.find((d) => d.id === rung.deal) as LibraryDeal;
      const found = findFact(source, rung.key);
      const provenance = found ? provenanceOf(source, found) : undefined;
      const name = `${source.title} (${source.era ?? source.date})`;
      const figureLabel = rung.key.replace("_", "-");
      const valuation = isRange(rung.value)
        ? {
            low: fact(`${name}: ${figureLabel}, low`, rung.value.low, provenance!),
            high: fact(`${name}: ${figureLabel}, high`, rung.value.high, provenance!),
          }
        : fact(`${name}: ${figureLabel}`, rung.value, provenance!);
      const investmentFact = findFact(source, "investment");
      const spec = yearSpec(source.id);
      return {
        label: name,
        date: source.date,
        figure: rung.key,
        valuation,
        ...(rung.investment !== undefined && investmentFact
          ? {
              investment: fact(
                `${name}: investment`,
                rung.investment,
                provenanceOf(source, investmentFact)
              ),
            }
          : {}),
        year: assumed(
          { ...spec, label: `${name}: ${spec.label}` },
          decimalYear(source.date),
          `The deal is dated ${source.date}; taken at the middle of that period.`,
          overrides
        ),
        highlight: source.id === deal.id,
      };
    });
  const basis = findAssumption("valuation_basis");
  return {
    title: `Valuation ladder: ${company}`,
    company,
    basis: {
      kind: "assumption",
      key: BASIS_SPEC.key,
      label: BASIS_SPEC.label,
      value: String(basis?.value),
      rationale: basis?.rationale ?? "",
    },
    rungs,
  };
}

const VALUATION_KEYS = ["pre_money", "post_money", "valuation"];

/** The company a deal's ladder is about: its investee, when the deal states a valuation. */
function ladderCompany(deal: LibraryDeal): string | undefined {
  if (!deal.facts.some((f) => VALUATION_KEYS.includes(f.key) && typeof f.value !== "string"))
    return undefined;
  return deal.parties.find((p) => p.role === "investee")?.name;
}

const isSplit = (v: Rung["valuation"]): v is { low: Datum; high: Datum } => "low" in v;

const LADDER_HEADER = [
  "Round or mark",
  "Date",
  "Valuation used",
  "Investment",
  "Pre-money",
  "Post-money",
  "New money's stake",
  "Earlier holders keep",
  "Years since prior",
  "Step-up",
  "Implied annual growth",
  "Stake of a 1% holder",
];

export function ladderSheet(
  wb: WorkbookBuilder,
  input: LadderInput,
  sheetName = "Valuation ladder"
): Headline[] {
  const sheet = wb.sheet(sheetName, [58, 16, 18, 14, 14, 14, 13, 13, 12, 12, 13, 13]);
  titleBlock(wb, sheet, input.title, `${input.company}'s rounds and valuation marks in date order`);

  section(sheet, "Inputs");
  const rows: InputRow[] = [{ datum: input.basis, name: "Ladder_Basis" }];
  for (const rung of input.rungs) {
    const v = rung.valuation;
    rows.push(...(isSplit(v) ? [v.low, v.high] : [v]).map((datum) => ({ datum, format: USD })));
    if (rung.investment) rows.push({ datum: rung.investment, format: USD });
    rows.push({ datum: rung.year, format: "0.000" });
  }
  const refs = inputRows(wb, sheet, rows);
  const [basis] = refs;
  let next = 1;
  const cells = input.rungs.map((rung) => {
    const take = () => refs[next++];
    const valuation = isSplit(rung.valuation) ? { low: take(), high: take() } : take();
    const investment = rung.investment ? take() : undefined;
    return { valuation, investment, year: take() };
  });
  sheet.blank();

  section(sheet, "Ladder (DEAL.VALUATION_STEP)");
  sheet.row(...LADDER_HEADER.map(header));
  const checks: CheckRow[] = [];
  let prior:
    { post: Ref; year: Ref; holder: Ref; postValue: number; yearValue: number } | undefined;
  input.rungs.forEach((rung, k) => {
    const own = cells[k];
    const at = (column: number) => sheet.ahead(column);
    const [C, D, E, F, , H, I, J, , L] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(at);
    const v = rung.valuation;
    const valueUsed = isSplit(v)
      ? ((numberOf(v.low) ?? NaN) + (numberOf(v.high) ?? NaN)) / 2
      : (numberOf(v) ?? NaN);
    const invValue = numberOf(rung.investment);
    const basisValue = String(input.basis.value);
    const treatAsPre =
      rung.figure === "pre_money" || (rung.figure === "valuation" && basisValue === "pre_money");
    const pre = invValue === undefined || treatAsPre ? valueUsed : valueUsed - invValue;
    const post = invValue === undefined || !treatAsPre ? valueUsed : valueUsed + invValue;
    const yearValue = numberOf(rung.year) ?? NaN;
    const years = prior ? yearValue - prior.yearValue : undefined;
    const engine = runEngine("VALUATION_STEP", {
      pre_money: pre,
      investment: invValue ?? 0,
      prior_post_money: prior?.postValue,
      years_since_prior: years !== undefined && years > 0 ? years : undefined,
    });
    const expect = (field: string) => engineNumber(engine(field));

    const valuationFormula =
      own.valuation instanceof Ref
        ? fx`${own.valuation}`
        : fx`AVERAGE(${own.valuation.low},${own.valuation.high})`;
    const figureIsPre = (yes: Formula, no: Formula): Formula => {
      if (rung.figure === "pre_money") return yes;
      if (rung.figure === "post_money") return no;
      return fx`IF(${basis}="pre_money",${yes},${no})`;
    };
    const withMoney = own.investment !== undefined;
    const preFormula = withMoney ? figureIsPre(fx`${C}`, fx`${C}-${D}`) : fx`${C}`;
    const postFormula = withMoney ? figureIsPre(fx`${C}+${D}`, fx`${C}`) : fx`${C}`;
    const dash = label("—", "note");
    const row: CellSpec[] = [
      label(rung.label, rung.highlight ? "header" : "text"),
      label(rung.date),
      calc(valuationFormula, { format: USD }),
      own.investment
        ? calc(fx`${own.investment}`, { format: USD })
        : {
            ...label(NOT_STATED, "note"),
            note: "The source gives no amount: the row is read as a valuation mark (pre-money = post-money). Type an amount here to price it as a round.",
          },
      calc(preFormula, { format: USD }),
      calc(postFormula, { format: USD, expected: expect("post_money"), emphasis: rung.highlight }),
      withMoney ? calc(fx`${D}/${F}`, { format: PCT, expected: expect("ownership") }) : dash,
      withMoney
        ? calc(fx`${E}/${F}`, { format: PCT, expected: expect("existing_retained") })
        : dash,
      prior ? calc(fx`${own.year}-${prior.year}`, { format: "0.00" }) : dash,
      prior
        ? calc(fx`${E}/${prior.post}`, { format: FORMATS.multiple, expected: expect("step_up") })
        : dash,
      prior
        ? calc(fx`IF(${I}>0,${J}^(1/${I})-1,"—")`, {
            format: PCT,
            expected: expect("implied_cagr"),
          })
        : dash,
      calc(
        prior
          ? withMoney
            ? fx`${prior.holder}*${H}`
            : fx`${prior.holder}`
          : withMoney
            ? fx`0.01*${H}`
            : fx`0.01`,
        { format: "0.000%" }
      ),
    ];
    sheet.row(...row);
    checks.push({
      label: `${rung.label}: post-money`,
      formula: fx`${F}`,
      engine: engine("post_money"),
      format: USD,
      emphasis: rung.highlight,
    });
    if (prior) {
      checks.push({
        label: `${rung.label}: step-up`,
        formula: fx`${J}`,
        engine: engine("step_up"),
        format: FORMATS.multiple,
      });
    }
    prior = { post: F, year: own.year, holder: L, postValue: post, yearValue };
  });
  sheet.blank();
  section(sheet, "Checks against the engine");
  const natives = checkRows(sheet, checks);
  const highlighted = checks.findIndex((c) => c.emphasis);
  return highlighted >= 0 ? [headline(checks[highlighted], natives[highlighted])] : [];
}

export const VALUATION_LADDER_TEMPLATE: Template = {
  name: "valuation-ladder",
  title: "Valuation ladder",
  summary:
    "a company's rounds in order up to this deal: post-money, the new money's stake, step-up, implied annual growth, an early holder's dilution",
  facts: [
    {
      key: "pre_money / post_money / valuation",
      description: "this deal's valuation (a range is read at its midpoint)",
      required: true,
    },
    {
      key: "investment",
      description: "the round's new money (without it a row is a valuation mark)",
      required: false,
    },
  ],
  // Each round's date is an assumption too, keyed by its deal: year_<deal_id>.
  assumptions: [BASIS_SPEC, yearSpec("<deal_id>")],
  applicability(deal) {
    const missing: string[] = [];
    if (!deal.parties.some((p) => p.role === "investee"))
      missing.push("an investee (the company valued)");
    if (!deal.facts.some((f) => VALUATION_KEYS.includes(f.key) && typeof f.value !== "string")) {
      missing.push("a valuation (pre_money, post_money or valuation)");
    }
    return { applies: missing.length === 0, missing };
  },
  contribute: (wb, context) => ladderSheet(wb, ladderInput(context)),
};
