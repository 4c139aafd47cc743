/**
 * The valuation-ladder template: a company's rounds and valuation marks in order, each with the
 * basis its source states (pre-money, post-money or not stated), the money funded at close apart
 * from the money committed, the new money's stake, the step-up from the round before, the
 * implied annual growth (only across a year or more) and what a 1% holder keeps through every
 * later round the library records. A range is two rows, its low and its high end, never a
 * midpoint; every row after a range follows its own end.
 */
import { findAssumption } from "../data/assumptions";
import { valuationLadder } from "../data/library";
import { isRange, LibraryDeal, ValuationBasis } from "../data/schema";
import { Headline, inputRows, InputRow, section, switchFor, titleBlock } from "./blocks";
import { footballField } from "./chartBlocks";
import { calc, CellSpec, Formula, fx, header, label, Ref, WorkbookBuilder } from "./builder";
import { assumed, AssumptionSpec, Datum, fact, numberOf } from "./datum";
import { engineNumber, runEngine } from "./engine";
import { FORMATS } from "./plan";
import { ScenarioBand, scenarioBand, scenarioPick, scenarioSwitch } from "./scenario";
import { findFact, numericFact, provenanceOf, Template, TemplateContext } from "./template";

export interface Rung {
  label: string;
  date: string;
  /** The basis the source states for the valuation. */
  basis: ValuationBasis;
  /** A valuation with no round behind it (a company's mark): pre-money = post-money. */
  mark: boolean;
  /** One number, or the two ends of a range (a low and a high row). */
  valuation: Datum | { low: Datum; high: Datum };
  /** The new money committed (an "up to" amount included), when the source states it. */
  committed?: Datum;
  /** The money paid at close (the first tranche of a staged commitment), when known. */
  funded?: Datum;
  /** The date as a decimal year, for the years between rungs. */
  year: Datum;
  /**
   * Low / Base / High of a single valuation whose words hedge it (a range keeps its two rows).
   * Money committed "up to" an amount is not switched: it is the deal's terms as announced, the
   * pre- and post-money are read from it, and the part funded at close is shown beside it.
   */
  valuationBand?: ScenarioBand;
  highlight: boolean;
}

export interface LadderInput {
  title: string;
  company: string;
  /** "Post-money" or "Pre-money": how to read a valuation whose source does not say. */
  basis: Datum;
  rungs: readonly Rung[];
}

const { usdBillions: USD, percent: PCT } = FORMATS;
const NOT_STATED = "not stated";
const BASIS_WORDS: Record<ValuationBasis, string> = {
  pre_money: "pre-money",
  post_money: "post-money",
  not_stated: NOT_STATED,
};
export const BASIS_CHOICES = ["Post-money", "Pre-money"] as const;
/** A step-up over less than this many years is not annualised. */
const MIN_YEARS_TO_ANNUALISE = 1;

const yearSpec = (dealId: string): AssumptionSpec => ({
  key: `year_${dealId.replace(/-/g, "_")}`,
  label: "date as a year",
  description: `${dealId}'s date as a decimal year`,
  domain: { name: "year", kind: "number", rule: { min: 1900, max: 2200 } },
});

const BASIS_SPEC: AssumptionSpec = {
  key: "valuation_basis",
  label: "How to read a valuation whose source does not say pre- or post-money",
  description: "how to read a valuation whose source does not say (a dropdown in the sheet)",
  domain: { name: "valuation_basis", kind: "choice", choices: BASIS_CHOICES },
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

/** Words a source uses for money promised rather than paid. */
const UNFUNDED = /up to|proposed|option|contingent|in talks|intention/i;

export function ladderInput({ deal, deals, overrides }: TemplateContext): LadderInput {
  const company = ladderCompany(deal) ?? "(company)";
  const rungs = valuationLadder(deals, company).map((rung): Rung => {
    const source = deals.find((d) => d.id === rung.deal) as LibraryDeal;
    const found = findFact(source, rung.key)!;
    const provenance = provenanceOf(source, found);
    const name = `${source.title} (${source.era ?? source.date})`;
    const basis: ValuationBasis =
      found.basis ?? (rung.key === "valuation" ? "not_stated" : rung.key);
    const valuation = isRange(rung.value)
      ? {
          low: fact(`${name}: valuation, low end`, rung.value.low, provenance),
          high: fact(`${name}: valuation, high end`, rung.value.high, provenance),
        }
      : fact(`${name}: valuation`, rung.value, provenance);
    const committed = numericFact(source, "investment", `${name}: new money committed`);
    const initial = numericFact(source, "tranche_initial", `${name}: funded at close`);
    const promised =
      committed !== undefined &&
      (committed.source.status === "in_talks" ||
        source.status === "in_talks" ||
        UNFUNDED.test(committed.source.qualifier ?? ""));
    const funded = initial ?? (committed && !promised ? committed : undefined);
    const spec = yearSpec(source.id);
    return {
      label: name,
      date: source.date,
      basis,
      mark: source.kind === "company",
      valuation,
      ...(committed ? { committed } : {}),
      ...(funded ? { funded } : {}),
      year: assumed(
        { ...spec, label: `${name}: ${spec.label}` },
        decimalYear(source.date),
        `The deal is dated ${source.date}; taken at the middle of that period.`,
        overrides
      ),
      highlight: source.id === deal.id,
      ...(isRange(rung.value)
        ? {}
        : { valuationBand: scenarioBand(valuation as Datum, { deals }) }),
    };
  });
  const basis = findAssumption("valuation_basis");
  const basisWord = basis?.value === "pre_money" ? "Pre-money" : "Post-money";
  return {
    title: `Valuation ladder: ${company}`,
    company,
    basis: {
      kind: "assumption",
      key: BASIS_SPEC.key,
      label: BASIS_SPEC.label,
      value: basisWord,
      rationale: basis?.rationale ?? "",
      choices: BASIS_CHOICES,
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
  "Basis stated",
  "Valuation",
  "Committed",
  "Funded at close",
  "Pre-money",
  "Post-money at close",
  "Stake funded at close",
  "Stake if all committed is paid",
  "Years since prior",
  "Step-up",
  "Implied annual growth",
  "Stake of a holder with 1% after the first row",
];

type Case = "single" | "low" | "high";

/** The prior row a row chains to, as cells and the values the engine computes from. */
interface Prior {
  /** Undefined when the prior post-money is not known (a pre-money round with no amount). */
  post?: { ref: Ref; value: number };
  year: Ref;
  yearValue: number;
  holder: Ref;
}

export function ladderSheet(
  wb: WorkbookBuilder,
  input: LadderInput,
  sheetName = "Valuation ladder"
): Headline[] {
  const sheet = wb.sheet(sheetName, [25, 10, 10, 11, 11, 10, 11, 12, 10, 11, 9, 9, 10, 10]);
  titleBlock(wb, sheet, input.title, `${input.company}'s rounds and valuation marks in date order`);

  const rows: InputRow[] = [{ datum: input.basis, name: "Ladder_Basis" }];
  for (const rung of input.rungs) {
    const v = rung.valuation;
    rows.push(
      ...(isSplit(v)
        ? [v.low, v.high].map((datum) => ({ datum, format: USD }))
        : [{ datum: v, format: USD, band: rung.valuationBand }])
    );
    if (rung.committed) rows.push({ datum: rung.committed, format: USD });
    if (rung.funded && rung.funded !== rung.committed)
      rows.push({ datum: rung.funded, format: USD });
    rows.push({ datum: rung.year, format: "0.000" });
  }
  // A range of this deal's own valuation: the switch picks which end its single headline takes.
  const pickEnd = input.rungs.some((rung) => rung.highlight && isSplit(rung.valuation));
  if (pickEnd) scenarioSwitch(wb, sheet);
  else switchFor(wb, sheet, rows);
  if (pickEnd || rows.some((row) => row.band))
    sheet.row(
      label(
        'The switch moves each single valuation a source hedges ("roughly"); a range stays its low and its high row in every case. Money committed "up to" an amount stays as announced: the pre- and post-money are read from it, and the part funded at close is shown beside it.',
        "note"
      )
    );
  section(sheet, "Inputs");
  const refs = inputRows(wb, sheet, rows);
  const [basis] = refs;
  let next = 1;
  const cells = input.rungs.map((rung) => {
    const take = () => refs[next++];
    const valuation = isSplit(rung.valuation) ? { low: take(), high: take() } : take();
    const committed = rung.committed ? take() : undefined;
    const funded = rung.funded ? (rung.funded === rung.committed ? committed : take()) : undefined;
    return { valuation, committed, funded, year: take() };
  });
  sheet.blank();

  section(
    sheet,
    "Ladder: a range is a low and a high row, and every later row follows each end (DEAL.VALUATION_STEP)"
  );
  sheet.row(...LADDER_HEADER.map(header));
  const basisRead = String(input.basis.value);
  const priors: Partial<Record<Case, Prior>> = {};
  const headlines: Headline[] = [];
  let split = false;
  input.rungs.forEach((rung, k) => {
    const own = cells[k];
    split ||= isSplit(rung.valuation);
    const cases: Case[] = split ? ["low", "high"] : ["single"];
    for (const which of cases) {
      const prior = priors[which] ?? priors.single;
      const value = isSplit(rung.valuation)
        ? which === "high"
          ? rung.valuation.high
          : rung.valuation.low
        : rung.valuation;
      const valuationRef =
        own.valuation instanceof Ref
          ? own.valuation
          : which === "high"
            ? own.valuation.high
            : own.valuation.low;
      const suffix = which === "single" ? "" : which === "low" ? " · low end" : " · high end";
      const placed = ladderRow(sheet, {
        rung,
        name: `${rung.label}${suffix}`,
        valuation: { ref: valuationRef, value: numberOf(value) ?? NaN },
        committed: own.committed,
        funded: own.funded,
        year: own.year,
        basis,
        basisRead,
        prior,
      });
      priors[which] = placed.prior;
      if (rung.highlight && placed.post)
        headlines.push({
          label: `${rung.label}: post-money at close${suffix}`,
          ref: placed.post,
          format: USD,
          expected: placed.postValue,
          method:
            "the round's valuation on the basis the source states: pre-money plus the money funded at close, or the post-money as stated",
        });
    }
  });
  sheet.blank();
  sheet.row(
    label(
      `A step-up over less than ${MIN_YEARS_TO_ANNUALISE} year is not annualised (n.m.). A 1% holder is diluted by the money funded at close in each later round; a mark dilutes no one. Money committed but not yet paid dilutes only when paid.`,
      "note"
    )
  );
  const [low, high] = headlines;
  if (pickEnd && high) {
    const [, picked] = sheet.row(
      label(low.label.replace(" · low end", ", the end the scenario picks")),
      calc(scenarioPick(wb, fx`${low.ref}`, fx`${low.ref}`, fx`${high.ref}`), {
        format: USD,
        expected: low.expected,
      }),
      label(
        "Low case and Base: the low end (Base is the figure as the template reads it); High case (the best case): the high end. The range stays the two rows above.",
        "note"
      )
    );
    headlines.splice(0, 2, {
      ...low,
      label: low.label.replace(" · low end", ""),
      ref: picked,
      method: `${low.method}; a range: the scenario switch picks the end (Low and Base the low end, High the high end)`,
      range: {
        low: { ref: low.ref, expected: low.expected },
        high: { ref: high.ref, expected: high.expected },
      },
    });
  }
  if (input.rungs.length > 0) {
    sheet.blank();
    footballField(sheet, {
      title: `${input.company}: valuation by round`,
      heading: "Chart: each round's valuation, a range as a bar from its low to its high end",
      format: USD,
      bars: input.rungs.map((rung, k) => {
        const v = cells[k].valuation;
        return v instanceof Ref
          ? { name: rung.label, low: fx`${v}` }
          : { name: `${rung.label} · range`, low: fx`${v.low}`, high: fx`${v.high}` };
      }),
      box: { columns: 5, rows: Math.max(12, 2 * input.rungs.length + 6) },
    });
  }
  return headlines.slice(0, 1);
}

interface RowSpec {
  rung: Rung;
  name: string;
  valuation: { ref: Ref; value: number };
  committed?: Ref;
  funded?: Ref;
  year: Ref;
  basis: Ref;
  basisRead: string;
  prior?: Prior;
}

/** One ladder row; returns what the next row chains to. */
function ladderRow(
  sheet: ReturnType<WorkbookBuilder["sheet"]>,
  spec: RowSpec
): { prior: Prior; post?: Ref; postValue?: number } {
  const { rung, prior, basis } = spec;
  const at = (column: number) => sheet.ahead(column);
  const [D, E, F, G, H, I, , K, L] = [4, 5, 6, 7, 8, 9, 10, 11, 12].map(at);
  const dash = label("—", "note");
  const notStated = (why: string) => ({ ...label(NOT_STATED, "note"), note: why });
  const committedValue = numberOf(rung.committed);
  const fundedValue = numberOf(rung.funded);
  const stated = rung.basis;
  // Which basis the valuation is read on: the source's, else the dropdown's.
  const readAsPre =
    stated === "pre_money" || (stated === "not_stated" && spec.basisRead === "Pre-money");
  const byBasis = (pre: Formula, post: Formula): Formula =>
    stated === "pre_money"
      ? pre
      : stated === "post_money"
        ? post
        : fx`IF(${basis}="Pre-money",${pre},${post})`;

  // What is known: a mark has pre = post; a round needs its money for the side its source omits.
  const money = spec.committed !== undefined;
  const preKnown = rung.mark || money || stated === "pre_money";
  const postKnown = rung.mark || spec.funded !== undefined || stated === "post_money";
  const preFormula = rung.mark ? fx`${D}` : money ? byBasis(fx`${D}`, fx`${D}-${E}`) : fx`${D}`;
  const postFormula = rung.mark ? fx`${D}` : spec.funded !== undefined ? fx`${G}+${F}` : fx`${D}`;
  const v = spec.valuation.value;
  const preValue = rung.mark || !money || readAsPre ? v : v - (committedValue ?? NaN);
  const postValue = rung.mark ? v : spec.funded !== undefined ? preValue + (fundedValue ?? NaN) : v;

  const yearValue = numberOf(rung.year) ?? NaN;
  const years = prior ? yearValue - prior.yearValue : undefined;
  const stepKnown = preKnown && prior?.post !== undefined;
  const engine = runEngine("VALUATION_STEP", {
    pre_money: preValue,
    investment: rung.mark ? 0 : (fundedValue ?? 0),
    prior_post_money: stepKnown ? prior?.post?.value : undefined,
    years_since_prior:
      stepKnown && years !== undefined && years >= MIN_YEARS_TO_ANNUALISE ? years : undefined,
  });
  const expect = (field: string) => engineNumber(engine(field));
  const funded = spec.funded !== undefined && !rung.mark;

  const row: CellSpec[] = [
    label(spec.name, rung.highlight ? "header" : "text"),
    label(rung.date),
    label(BASIS_WORDS[stated]),
    calc(fx`${spec.valuation.ref}`, { format: USD }),
    spec.committed
      ? calc(fx`${spec.committed}`, { format: USD })
      : rung.mark
        ? dash
        : notStated("The source gives no amount for this round."),
    spec.funded
      ? calc(fx`${spec.funded}`, { format: USD })
      : rung.mark
        ? dash
        : notStated("The source does not say how much was paid at close."),
    preKnown
      ? calc(preFormula, { format: USD })
      : notStated("A post-money without the round's amount does not give the pre-money."),
    postKnown
      ? calc(postFormula, {
          format: USD,
          expected: expect("post_money"),
          emphasis: rung.highlight,
        })
      : notStated(
          "A pre-money without the round's amount does not give the post-money: it is not taken as one."
        ),
    funded ? calc(fx`${F}/${H}`, { format: PCT, expected: expect("ownership") }) : dash,
    money && !rung.mark ? calc(fx`${E}/(${G}+${E})`, { format: PCT }) : dash,
    prior ? calc(fx`${spec.year}-${prior.year}`, { format: "0.00" }) : dash,
    stepKnown && prior?.post
      ? calc(fx`${G}/${prior.post.ref}`, { format: FORMATS.multiple, expected: expect("step_up") })
      : prior
        ? {
            ...label("n.m.", "note"),
            note: "Not measurable: the prior post-money or this pre-money is not stated.",
          }
        : dash,
    stepKnown && prior
      ? calc(fx`IF(${K}>=${MIN_YEARS_TO_ANNUALISE},${L}^(1/${K})-1,"n.m.")`, {
          format: PCT,
          expected:
            years !== undefined && years >= MIN_YEARS_TO_ANNUALISE
              ? expect("implied_cagr")
              : undefined,
        })
      : prior
        ? label("n.m.", "note")
        : dash,
    calc(
      funded ? fx`${prior ? prior.holder : 0.01}*(1-${I})` : prior ? fx`${prior.holder}` : fx`0.01`,
      { format: "0.000%" }
    ),
  ];
  const [, , , , , , , post, , , , , , holder] = sheet.row(...row);
  return {
    prior: {
      ...(postKnown ? { post: { ref: post, value: postValue } } : {}),
      year: spec.year,
      yearValue,
      holder,
    },
    ...(postKnown ? { post, postValue: expect("post_money") } : {}),
  };
}

export const VALUATION_LADDER_TEMPLATE: Template = {
  name: "valuation-ladder",
  title: "Valuation ladder",
  summary:
    "a company's rounds and marks in order, every one the library records: the basis each source states, funded at close apart from committed, the new money's stake, step-up, annual growth (a year or more apart), a 1% holder's dilution",
  facts: [
    {
      key: "pre_money / post_money / valuation",
      description: "this deal's valuation (a range is a low and a high row)",
      required: true,
    },
    {
      key: "investment",
      description:
        "the round's new money committed (without it a round's other side is not stated)",
      required: false,
    },
    {
      key: "tranche_initial",
      description: "the money paid at close of a staged commitment",
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
