/**
 * The contingent-tranche template. A tranche paid only if a trigger happens is valued two ways
 * that share ONE calibration: each trigger's probability p_i within the horizon T, and the hazard
 * rate λ_i = −ln(1 − p_i)/T that gives the same odds over the same T (the deadline defaults to T).
 * So the probability-weighted method (paid at the horizon) and the hazard method (paid when the
 * trigger happens) differ only in when the money is paid. A bridge goes from the headline
 * commitment to a risk-adjusted one, with low and high bounds for triggers whose dependence is
 * unknown. Only where a source states a right to invest at a fixed price is that right valued,
 * as a warrant, on its own: never as an alternative value of an obligation.
 */
import { triggerWords } from "../data/labels";
import { LibraryDeal } from "../data/schema";
import {
  headline,
  Headline,
  inputRows,
  InputRow,
  OutputRow,
  outputRows,
  section,
  sensitivityGrid,
  switchFor,
  titleBlock,
} from "./blocks";
import {
  calc,
  Formula,
  fx,
  header,
  joinFormulas,
  label,
  Ref,
  SheetBuilder,
  Span,
  WorkbookBuilder,
} from "./builder";
import {
  assumed,
  AssumptionSpec,
  Datum,
  datumCell,
  Fact,
  fact,
  missingFact,
  numberOf,
  Overrides,
} from "./datum";
import { chartBelow, waterfall } from "./chartBlocks";
import { EngineArg, engineNumber, runEngine } from "./engine";
import { findAssumption } from "../data/assumptions";
import { FORMATS } from "./plan";
import { FIRM_PART_KEYS } from "../data/ranges";
import { ScenarioBand, scenarioBand } from "./scenario";
import {
  findFact,
  libraryAssumption,
  numericFact,
  provenanceOf,
  Template,
  TemplateContext,
} from "./template";

/** The payment-timing switch in words, and the engine's word for each. */
const ON_TRIGGER = "When the trigger happens";
const AT_DEADLINE = "At the deadline";
const TIMING_CHOICES: Readonly<Record<string, string>> = {
  [ON_TRIGGER]: "on_trigger",
  [AT_DEADLINE]: "at_deadline",
};

export interface Trigger {
  /** "agi", in words: what the trigger's rows are called. */
  name: string;
  /** "achieving AGI", as the source words it (or the holder's choice to exercise a right). */
  event: Datum;
  /** The chance it happens within the horizon. */
  probability: Datum;
}

/** A right to invest at a fixed price, as a source states it: priced as a warrant. */
export interface RightInput {
  /** The pre-money price fixed for the money: a valuation, or a range read at its midpoint. */
  strike: Datum | { low: Datum; high: Datum };
  /** Today's pre-money value of the company's equity. */
  current: Datum;
  volatility: Datum;
  years: Datum;
  riskFree: Datum;
}

export interface ScenarioFactors {
  name: string;
  probability: Datum;
  years: Datum;
}

export interface TrancheInput {
  title: string;
  amount: Datum;
  /** The commitment as announced, of which the tranche is the contingent part (for the bridge). */
  commitment?: Fact;
  /** The firm part as the library derives it, when it does. */
  firm?: number;
  /** The headline's Low / Base / High values where its words give a band ("up to"). */
  commitmentBand?: ScenarioBand;
  /** The firm part as a source states it: the amount valued is capped at headline − firm. */
  firmPart?: Fact;
  /** Independent alternatives: any one releases the tranche. */
  triggers: readonly Trigger[];
  /** The horizon T the probabilities are stated over; the hazards are calibrated to it. */
  horizon: Datum;
  discountRate: Datum;
  deadline: Datum;
  /** One of TIMING_CHOICES' words. */
  timing: Datum;
  right?: RightInput;
  scenarios: readonly ScenarioFactors[];
  probabilityStep: Datum;
  yearsStep: Datum;
}

const { usdBillions: USD, percent: PCT } = FORMATS;
const on = (fn: string, param: string) => ({ fn, param });
const local = (name: string, rule: { min?: number; greaterThan?: number; max?: number }) => ({
  name,
  kind: "number" as const,
  rule,
});
const spec = (
  key: string,
  label: string,
  domain: AssumptionSpec["domain"],
  description = label
): AssumptionSpec => ({ key, label, description, domain });

const SPECS = {
  amount: spec(
    "amount",
    "Tranche amount",
    on("TRANCHE_VALUE", "amount"),
    "the tranche, when the deal states none"
  ),
  horizon: spec(
    "years_to_trigger",
    "Horizon: years the probabilities cover",
    on("TRANCHE_VALUE", "years"),
    "the horizon each trigger's probability is stated over; both methods use it"
  ),
  discountRate: spec(
    "discount_rate",
    "Discount rate",
    on("TRANCHE_VALUE", "discount_rate"),
    "annual rate the expected payment is discounted at"
  ),
  deadline: spec(
    "deadline_years",
    "Deadline (years)",
    on("TRANCHE_HAZARD_VALUE", "deadline_years"),
    "when the commitment lapses, hazard method (the horizon unless set)"
  ),
  current: spec(
    "current_valuation",
    "Current pre-money valuation",
    on("TRANCHE_OPTION_VALUE", "current_valuation"),
    "the company's equity value now, warrant"
  ),
  volatility: spec(
    "volatility",
    "Volatility (annual)",
    on("TRANCHE_OPTION_VALUE", "volatility"),
    "annual volatility of the investee's equity"
  ),
  optionYears: spec(
    "option_years",
    "Years the price holds",
    on("TRANCHE_OPTION_VALUE", "years"),
    "how long the right to invest at the fixed price lasts"
  ),
  riskFree: spec(
    "risk_free_rate",
    "Risk-free rate",
    on("TRANCHE_OPTION_VALUE", "risk_free_rate"),
    "annual risk-free rate, warrant"
  ),
  probabilityStep: spec(
    "probability_step",
    "Probability step",
    local("step", { greaterThan: 0, max: 1 }),
    "step of the grid's probability axis"
  ),
  yearsStep: spec(
    "years_step",
    "Years step",
    local("step", { greaterThan: 0 }),
    "step of the grid's years axis"
  ),
} satisfies Record<string, AssumptionSpec>;

const probabilitySpec = (name: string) =>
  spec(
    `probability_${name}`,
    `Probability within the horizon: ${triggerWords(name)}`,
    on("TRANCHE_VALUE", "probability")
  );
const factorSpec = (scenario: string, what: string) =>
  spec(
    `${scenario}_${what}_factor`,
    `${scenario === "bear" ? "Bear" : "Bull"}: × ${what}`,
    local("factor", { min: 0 })
  );

/** Bear and bull move both drivers the same way: fewer and later triggers, or the reverse. */
const SCENARIOS = [
  { name: "bear", factors: { probability: 0.5, years: 1.5 } },
  { name: "bull", factors: { probability: 1.5, years: 0.75 } },
] as const;

/** A library default when there is one for `key`, else a missing value to fill. */
function assumptionOrMissing(s: AssumptionSpec, what: string, overrides: Overrides): Datum {
  const found = findAssumption(s.key);
  return found && typeof found.value === "number"
    ? assumed(s, found.value, found.rationale, overrides)
    : missingFact(s, what, overrides);
}

/** The tranche a deal's template values: the contingent part, else the right (option). */
function trancheOf(deal: LibraryDeal): { key: string; label: string } | undefined {
  if (numericFact(deal, "tranche_contingent", ""))
    return { key: "tranche_contingent", label: "Contingent tranche" };
  if (numericFact(deal, "tranche_option", ""))
    return { key: "tranche_option", label: "Amount the holder may invest (option)" };
  return undefined;
}

/** The right's inputs: the deal's price as the strike, priced at the money unless marked. */
function rightInput(deal: LibraryDeal, overrides: Overrides): RightInput {
  const valuation = findFact(deal, "pre_money") ?? findFact(deal, "valuation");
  const strikeLabel = "Strike: the deal's price";
  const strike: RightInput["strike"] =
    valuation && typeof valuation.value === "number"
      ? fact(strikeLabel, valuation.value, provenanceOf(deal, valuation))
      : valuation && typeof valuation.value === "object"
        ? {
            low: fact(`${strikeLabel}, low`, valuation.value.low, provenanceOf(deal, valuation)),
            high: fact(`${strikeLabel}, high`, valuation.value.high, provenanceOf(deal, valuation)),
          }
        : missingFact(
            spec(
              "strike_valuation",
              "Strike valuation",
              on("TRANCHE_OPTION_VALUE", "strike_valuation")
            ),
            "price for the right",
            overrides
          );
  const strikeValue =
    "low" in strike
      ? ((numberOf(strike.low) as number) + (numberOf(strike.high) as number)) / 2
      : numberOf(strike);
  const current =
    strikeValue === undefined
      ? missingFact(SPECS.current, "current valuation", overrides)
      : assumed(
          SPECS.current,
          strikeValue,
          "At signing the company is worth the deal's price: the right is at the money. Enter a later valuation mark to value it at that date.",
          overrides
        );
  return {
    strike,
    current,
    volatility: libraryAssumption(SPECS.volatility, overrides),
    years: libraryAssumption(SPECS.optionYears, overrides),
    riskFree: libraryAssumption(SPECS.riskFree, overrides),
  };
}

export function trancheInput({ deal, deals, overrides }: TemplateContext): TrancheInput {
  const tranche = trancheOf(deal);
  const isRight = tranche?.key === "tranche_option";
  const amount = tranche
    ? (numericFact(deal, tranche.key, tranche.label) as Fact)
    : missingFact(SPECS.amount, "contingent tranche", overrides);
  const named = deal.facts.filter(
    (f) => f.key.startsWith("trigger_") && typeof f.value === "string"
  );
  const right = isRight ? rightInput(deal, overrides) : undefined;
  const window = right && numberOf(right.years);
  const triggers: Trigger[] =
    named.length > 0 && !isRight
      ? named.map((f) => {
          const name = f.key.slice("trigger_".length);
          return {
            name: triggerWords(name),
            event: fact(`Trigger: ${triggerWords(name)}`, f.value as string, provenanceOf(deal, f)),
            probability: assumptionOrMissing(
              probabilitySpec(name),
              `probability for the ${name} trigger`,
              overrides
            ),
          };
        })
      : [
          {
            name: isRight ? "exercise" : "trigger",
            event: {
              kind: "assumption",
              key: "trigger_exercise",
              label: "Trigger",
              value: isRight ? "the holder exercises its right" : "not stated",
              rationale: isRight
                ? "A right to invest is used when its holder chooses to."
                : "The deal names no trigger.",
            },
            probability: isRight
              ? assumed(
                  probabilitySpec("exercise"),
                  0.5,
                  "At signing the price is the deal's own: the right is at the money, about even odds it is worth using.",
                  overrides
                )
              : missingFact(probabilitySpec("trigger"), "trigger probability", overrides),
          },
        ];
  const horizon =
    window !== undefined
      ? assumed(
          SPECS.horizon,
          window,
          "A right is used, if at all, by the end of its window.",
          overrides
        )
      : libraryAssumption(SPECS.horizon, overrides);
  const horizonValue = numberOf(horizon);
  const commitment = numericFact(deal, "investment", "Headline commitment");
  const firm = findFact(deal, "tranche_non_contingent")?.value;
  const firmKey = FIRM_PART_KEYS.find((key) => numericFact(deal, key, ""));
  const firmPart = firmKey && numericFact(deal, firmKey, "Firm part of the headline");
  const commitmentBand = commitment && scenarioBand(commitment, { deals });
  return {
    title: `Contingent tranche: ${deal.title}`,
    amount,
    ...(commitment ? { commitment } : {}),
    ...(commitment && typeof firm === "number" ? { firm } : {}),
    ...(commitment && firmPart ? { firmPart } : {}),
    ...(commitmentBand ? { commitmentBand } : {}),
    triggers,
    horizon,
    discountRate: libraryAssumption(SPECS.discountRate, overrides),
    deadline:
      horizonValue === undefined
        ? missingFact(SPECS.deadline, "deadline", overrides)
        : assumed(
            SPECS.deadline,
            horizonValue,
            "The horizon the probabilities cover, so both methods give the tranche the same chance of being paid.",
            overrides
          ),
    timing: {
      kind: "assumption",
      key: "timing",
      label: "Payment timing",
      value: ON_TRIGGER,
      rationale: "The money is paid when the trigger happens.",
      choices: Object.keys(TIMING_CHOICES),
    },
    ...(right ? { right } : {}),
    scenarios: SCENARIOS.map(({ name, factors }) => ({
      name: name === "bear" ? "Bear" : "Bull",
      probability: assumed(
        factorSpec(name, "probability"),
        factors.probability,
        `${name}: each trigger's probability × this (capped at 1).`,
        overrides
      ),
      years: assumed(
        factorSpec(name, "years"),
        factors.years,
        `${name}: the horizon and the deadline × this.`,
        overrides
      ),
    })),
    probabilityStep: assumed(
      SPECS.probabilityStep,
      0.1,
      "Ten points of probability between grid rows.",
      overrides
    ),
    yearsStep: assumed(SPECS.yearsStep, 1, "One year between grid columns.", overrides),
  };
}

/** The values the engine sees: doubles computed the way the sheet computes them. */
interface Drivers {
  amount?: number;
  probabilities: (number | undefined)[];
  years?: number;
  rate?: number;
  deadline?: number;
  timing: string;
}

/** λ_i = −ln(1 − p_i)/T: the hazard giving trigger i its probability p_i within the horizon T. */
function hazardsOf(d: Drivers): (number | undefined)[] {
  return d.probabilities.map((p) =>
    p === undefined || d.years === undefined ? undefined : -Math.log(1 - p) / d.years
  );
}

function engines(d: Drivers) {
  const list = (values: (number | undefined)[]): EngineArg =>
    values.every((v) => v !== undefined) ? (values as number[]) : undefined;
  return {
    weighted: runEngine("TRANCHE_VALUE", {
      amount: d.amount,
      probability: list(d.probabilities),
      years: d.years,
      discount_rate: d.rate,
    }),
    hazard: runEngine("TRANCHE_HAZARD_VALUE", {
      amount: d.amount,
      annual_hazard: list(hazardsOf(d)),
      deadline_years: d.deadline,
      discount_rate: d.rate,
      timing: d.timing,
    }),
  };
}

/** The native formulas, from whichever cells or expressions hold each driver (base or scenario). */
const model = {
  combined: (probabilities: Formula[]) =>
    fx`1-${joinFormulas(
      probabilities.map((p) => fx`(1-${p})`),
      "*"
    )}`,
  hazardOf: (p: Formula, T: Formula) => fx`-LN(1-${p})/(${T})`,
  weighted: (A: Ref, p: Formula, y: Formula, r: Ref) => fx`${A}*${p}*(1+${r})^(-(${y}))`,
  hazard: (A: Ref, lambda: Formula, T: Formula, r: Ref, timing: Ref) =>
    fx`IF(${timing}=${AT_DEADLINE},${A}*(1-EXP(-${lambda}*${T}))*(1+${r})^(-${T}),IF(${lambda}+LN(1+${r})=0,${A}*${lambda}*${T},${A}*${lambda}/(${lambda}+LN(1+${r}))*(1-EXP(-(${lambda}+LN(1+${r}))*${T}))))`,
  d1: (V: Ref, K: Ref, sigma: Ref, T: Ref, rf: Ref) =>
    fx`(LN(${V}/${K})+(LN(1+${rf})+${sigma}^2/2)*${T})/(${sigma}*SQRT(${T}))`,
  /** Black–Scholes C(V, K), and its limit when σ√T = 0. */
  call: (V: Ref, K: Ref, sigma: Ref, T: Ref, rf: Ref, d1: Ref) =>
    fx`IF(${sigma}*SQRT(${T})=0,MAX(${V}-${K}*EXP(-LN(1+${rf})*${T}),0),${V}*NORM.S.DIST(${d1},TRUE)-${K}*EXP(-LN(1+${rf})*${T})*NORM.S.DIST(${d1}-${sigma}*SQRT(${T}),TRUE))`,
};

/** References to the placed inputs. */
interface Cells {
  amount: Ref;
  probabilities: Ref[];
  years: Ref;
  rate: Ref;
  deadline: Ref;
  timing: Ref;
}

export function trancheSheet(
  wb: WorkbookBuilder,
  input: TrancheInput,
  sheetName = "Contingent tranche"
): Headline[] {
  const sheet = wb.sheet(sheetName, [36, 16, 16, 16, 48]);
  titleBlock(
    wb,
    sheet,
    input.title,
    "The tranche valued two ways on one calibration (probability-weighted; hazard rate), the bridge to a risk-adjusted commitment"
  );

  const headlineRow: InputRow[] = input.commitment
    ? [
        {
          datum: input.commitment,
          format: USD,
          name: "Tranche_Headline",
          ...(input.commitmentBand ? { band: input.commitmentBand } : {}),
        },
      ]
    : [];
  switchFor(wb, sheet, headlineRow);
  section(sheet, "Inputs");
  const triggerRows = input.triggers.flatMap((t): InputRow[] => [
    { datum: t.event },
    { datum: t.probability, format: PCT },
  ]);
  const refs = inputRows(wb, sheet, [
    { datum: input.amount, format: USD, name: "Tranche_Amount" },
    ...headlineRow,
    ...(input.firmPart ? [{ datum: input.firmPart, format: USD }] : []),
    ...triggerRows,
    { datum: input.horizon, format: FORMATS.years, name: "Tranche_Years" },
    { datum: input.discountRate, format: PCT, name: "Tranche_Rate" },
    { datum: input.deadline, format: FORMATS.years, name: "Tranche_Deadline" },
    { datum: input.timing, name: "Tranche_Timing" },
  ]);
  const take = (() => {
    let i = 0;
    return () => refs[i++];
  })();
  const stated = take();
  const commitment = input.commitment ? take() : undefined;
  const firmPart = input.firmPart ? take() : undefined;
  const probabilities = input.triggers.map(() => {
    take();
    return take();
  });
  const amount =
    commitment && firmPart ? cappedAmount(sheet, input, { stated, commitment, firmPart }) : stated;
  const cells: Cells = {
    amount,
    probabilities,
    years: take(),
    rate: take(),
    deadline: take(),
    timing: take(),
  };
  const base: Drivers = {
    amount: numberOf(input.amount),
    probabilities: input.triggers.map((t) => numberOf(t.probability)),
    years: numberOf(input.horizon),
    rate: numberOf(input.discountRate),
    deadline: numberOf(input.deadline),
    timing: TIMING_CHOICES[String(input.timing.value)] ?? String(input.timing.value),
  };
  const e = engines(base);
  sheet.blank();

  const values = twoMethods(wb, sheet, cells, input.triggers, e);
  sheet.blank();
  // A right's money is not an obligation: no bridge to a risk-adjusted commitment.
  const bridgeHeadlines =
    commitment && !input.right ? bridge(sheet, input, cells, commitment, values, e) : [];
  const rightHeadlines = input.right ? rightSheetPart(wb, sheet, input, input.right, amount) : [];
  scenarioTable(sheet, input, cells, base);
  sheet.blank();

  sensitivityGrid(sheet, {
    title: "Probability-weighted value: probability a trigger happens × years to the horizon",
    rows: {
      base: values.probability,
      label: "Probability",
      format: PCT,
      step: input.probabilityStep,
      reach: 2,
      min: 0,
      max: 1,
      baseValue: combinedProbability(base.probabilities) ?? NaN,
      stepValue: numberOf(input.probabilityStep) ?? NaN,
    },
    columns: {
      base: cells.years,
      label: "Years to the horizon",
      format: FORMATS.years,
      step: input.yearsStep,
      reach: 2,
      min: 0,
      baseValue: base.years ?? NaN,
      stepValue: numberOf(input.yearsStep) ?? NaN,
    },
    format: USD,
    cell: (p, y) => model.weighted(cells.amount, fx`${p}`, fx`${y}`, cells.rate),
    engine: (p, y) =>
      runEngine("TRANCHE_VALUE", {
        amount: base.amount,
        probability: p,
        years: y,
        discount_rate: base.rate,
      })("expected_value"),
  });
  // The bridge's present value is the probability-weighted one, with its band.
  const own = bridgeHeadlines.length > 0 ? bridgeHeadlines : values.headlines;
  return [...own, ...rightHeadlines];
}

/**
 * The amount valued: the stated tranche, never more than the contingent money of the headline it
 * is part of (headline − firm part, not below zero), so headline = firm + contingent in every case.
 */
function cappedAmount(
  sheet: SheetBuilder,
  input: TrancheInput,
  c: { stated: Ref; commitment: Ref; firmPart: Ref }
): Ref {
  const [, contingent] = sheet.row(
    label("Contingent money in the headline"),
    calc(fx`MAX(0,${c.commitment}-${c.firmPart})`, { format: USD }),
    label("the headline less the firm part, not below zero", "note")
  );
  const lowCase = input.commitmentBand
    ? ` In the Low case the "${input.commitment?.source.qualifier}" headline is its firm part: no money is contingent, so the amount valued is zero.`
    : "";
  const [, capped] = sheet.row(
    label("Amount valued: the tranche, capped at the contingent money"),
    calc(fx`MIN(${c.stated},${contingent})`, {
      format: USD,
      expected: numberOf(input.amount),
    }),
    label(`a tranche is never larger than the contingent money it is part of.${lowCase}`, "note")
  );
  return capped;
}

/** 1 − Π(1 − p_i), multiplied in the order the sheet's formula multiplies. */
function combinedProbability(probabilities: (number | undefined)[]): number | undefined {
  if (probabilities.some((p) => p === undefined)) return undefined;
  return 1 - (probabilities as number[]).reduce((product, p) => product * (1 - p), 1);
}

function twoMethods(
  wb: WorkbookBuilder,
  sheet: SheetBuilder,
  c: Cells,
  triggers: readonly Trigger[],
  e: ReturnType<typeof engines>
) {
  section(
    sheet,
    "One calibration: each trigger's annual hazard gives it the same odds within the horizon"
  );
  const hazards = c.probabilities.map((p, i) => {
    const [, ref] = sheet.row(
      label(`Annual hazard: ${triggers[i].name}`),
      calc(model.hazardOf(fx`${p}`, fx`${c.years}`), { format: "0.0000" }),
      label("−ln(1 − probability) ÷ horizon", "note")
    );
    return ref;
  });
  const [, lambdaRef] = sheet.row(
    label("Total hazard rate (triggers add up)"),
    calc(joinFormulas(hazards, "+"), { format: "0.0000" }),
    label("the sum of the triggers' hazards", "note")
  );
  const lambda = fx`${lambdaRef}`;
  sheet.blank();

  section(
    sheet,
    "Probability-weighted: paid at the horizon if a trigger has happened (DEAL.TRANCHE_VALUE)"
  );
  const pRef = sheet.ahead(2);
  const weightedRows: OutputRow[] = [
    {
      label: "Probability a trigger happens within the horizon",
      formula: model.combined(c.probabilities.map((r) => fx`${r}`)),
      engine: e.weighted("probability"),
      format: PCT,
      method: "1 − Π(1 − p): the triggers taken as independent",
    },
    {
      label: "Present value, probability-weighted",
      formula: model.weighted(c.amount, fx`${pRef}`, fx`${c.years}`, c.rate),
      engine: e.weighted("expected_value"),
      format: USD,
      emphasis: true,
      method: "amount × probability × (1 + rate)^(−horizon)",
    },
    {
      label: "Discount factor",
      formula: fx`(1+${c.rate})^(-${c.years})`,
      engine: e.weighted("discount_factor"),
      format: "0.0000",
      method: "(1 + rate)^(−horizon)",
    },
  ];
  const weighted = outputRows(sheet, weightedRows);
  const probability = wb.define("Tranche_Probability", weighted[0]);
  sheet.blank();

  section(
    sheet,
    "Hazard rate: paid when the trigger happens, lapses at the deadline (DEAL.TRANCHE_HAZARD_VALUE)"
  );
  const hazardRows: OutputRow[] = [
    {
      label: "Probability the trigger happens by the deadline",
      formula: fx`1-EXP(-${lambda}*${c.deadline})`,
      engine: e.hazard("trigger_probability"),
      format: PCT,
      method:
        "1 − e^(−total hazard × deadline): the same as above while the deadline is the horizon",
    },
    {
      label: "Present value, hazard rate",
      formula: model.hazard(c.amount, lambda, fx`${c.deadline}`, c.rate, c.timing),
      engine: e.hazard("expected_value"),
      format: USD,
      emphasis: true,
      method:
        "amount × λ ÷ (λ + ln(1 + rate)) × (1 − e^(−(λ + ln(1 + rate)) × deadline)), paid on the trigger",
    },
    {
      label: "Expected years to the trigger, if it happens",
      formula: fx`IF(AND(${lambda}>0,${c.deadline}>0),1/${lambda}-${c.deadline}*EXP(-${lambda}*${c.deadline})/(1-EXP(-${lambda}*${c.deadline})),"—")`,
      engine: e.hazard("expected_trigger_years"),
      format: FORMATS.years,
      method: "the mean arrival time before the deadline",
    },
  ];
  const hazard = outputRows(sheet, hazardRows);
  sheet.blank();

  section(sheet, "Side by side: the same chance of payment, a different payment date");
  sheet.row(header(""), header("Probability-weighted"), header("Hazard rate"));
  sheet.row(
    label("Probability the tranche is paid"),
    calc(fx`${weighted[0]}`, { format: PCT, expected: engineNumber(e.weighted("probability")) }),
    calc(fx`${hazard[0]}`, { format: PCT, expected: engineNumber(e.hazard("trigger_probability")) })
  );
  sheet.row(label("When it is paid"), label("at the horizon"), label("when the trigger happens"));
  const valueRow = sheet.nextRow;
  sheet.row(
    label("Present value"),
    calc(fx`${weighted[1]}`, { format: USD, expected: engineNumber(e.weighted("expected_value")) }),
    calc(fx`${hazard[1]}`, { format: USD, expected: engineNumber(e.hazard("expected_value")) })
  );
  sheet.row(
    label("As a share of the amount"),
    ...[2, 3].map((col) =>
      calc(fx`IF(${c.amount}=0,"no amount",${sheet.ref(valueRow, col)}/${c.amount})`, {
        format: PCT,
      })
    )
  );
  return {
    probability,
    weighted,
    // The hazard method's value stays on the sheet beside it: one present value for the memo.
    headlines: [
      headline(
        { ...weightedRows[1], label: "Contingent tranche: present value" },
        weighted[1],
        "probability-weighted, independent triggers, paid at the horizon (the hazard method, paid on the trigger, is on the sheet)"
      ),
    ],
  };
}

/** Headline → firm → present value of the contingent part (low / base / high) → risk-adjusted. */
function bridge(
  sheet: SheetBuilder,
  input: TrancheInput,
  c: Cells,
  commitment: Ref,
  values: ReturnType<typeof twoMethods>,
  e: ReturnType<typeof engines>
): Headline[] {
  section(sheet, "Bridge: the headline commitment to a risk-adjusted commitment");
  sheet.row(...["", "Low", "Base", "High", "Method"].map(header));
  const three = (
    formula: (column: number) => Formula,
    format: string,
    expected: (number | undefined)[] = []
  ) => [2, 3, 4].map((column, i) => calc(formula(column), { format, expected: expected[i] }));
  const ps = c.probabilities.map((r) => fx`${r}`);
  const qualifier = input.commitment?.source.qualifier;
  const headlineValue = numberOf(input.commitment);
  const amountValue = numberOf(input.amount);
  const firmValue =
    input.firm ??
    (headlineValue !== undefined && amountValue !== undefined
      ? headlineValue - amountValue
      : undefined);
  const ev = engineNumber(e.weighted("expected_value"));
  const bounds = (field: "probability" | "expected_value") =>
    (["_low", "", "_high"] as const).map((end) => engineNumber(e.weighted(`${field}${end}`)));
  const [pvLow, , pvHigh] = bounds("expected_value");
  const plusFirm = (pv: number | undefined) =>
    firmValue !== undefined && pv !== undefined ? firmValue + pv : undefined;
  const row = (text: string, cells: ReturnType<typeof three>, method: string, emphasis = false) => {
    const at = sheet.nextRow;
    sheet.row(label(text), ...cells.map((cell) => ({ ...cell, emphasis })), label(method, "note"));
    return (column: number) => sheet.ref(at, column);
  };
  row(
    "Headline",
    three(() => fx`${commitment}`, USD),
    `as the source states it${qualifier ? ` (${qualifier})` : ""}`
  );
  const firm = row(
    "Firm part",
    three(() => fx`${commitment}-${c.amount}`, USD, [firmValue, firmValue, firmValue]),
    "the headline less the contingent tranche: tied to no trigger (it still needs the deal to close on the terms stated)"
  );
  const probability = row(
    "Probability of payment, by dependence of the triggers",
    [
      fx`MAX(${joinFormulas(ps)})`,
      fx`${values.probability}`,
      fx`MIN(1,${joinFormulas(ps, "+")})`,
    ].map((formula, i) => calc(formula, { format: PCT, expected: bounds("probability")[i] })),
    "low: the likeliest trigger alone (triggers that always come together); base: independent triggers; high: triggers that never come together, capped at 100%"
  );
  const pv = row(
    "Present value of the contingent tranche",
    three(
      (column) => model.weighted(c.amount, fx`${probability(column)}`, fx`${c.years}`, c.rate),
      USD,
      [pvLow, ev, pvHigh]
    ),
    "probability-weighted: amount × probability × (1 + rate)^(−horizon)"
  );
  const riskAdjusted = row(
    "Risk-adjusted commitment",
    three((column) => fx`${firm(column)}+${pv(column)}`, USD, [pvLow, ev, pvHigh].map(plusFirm)),
    "the firm part plus the present value of the contingent tranche",
    true
  );
  sheet.blank();
  bridgeCharts(sheet, { commitment, amount: c.amount, years: c.years, firm, pv, riskAdjusted });
  const band = (cell: (column: number) => Ref, values: (number | undefined)[]) => ({
    low: { ref: cell(2), expected: values[0] },
    high: { ref: cell(4), expected: values[2] },
  });
  const pvs = [pvLow, ev, pvHigh];
  return [
    {
      label: "Contingent tranche: present value",
      ref: pv(3),
      format: USD,
      expected: ev,
      method:
        "present value of the contingent tranche, probability-weighted, independent triggers; low and high: the triggers fully dependent or mutually exclusive",
      range: band(pv, pvs),
    },
    {
      label: "Risk-adjusted commitment",
      ref: riskAdjusted(3),
      format: USD,
      expected: plusFirm(ev),
      method: "the firm part plus the present value of the contingent tranche (same band)",
      range: band(riskAdjusted, pvs.map(plusFirm)),
    },
  ];
}

/** The bridge as a waterfall (low end, then the range to base and high), and when money is paid. */
function bridgeCharts(
  sheet: SheetBuilder,
  c: { commitment: Ref; amount: Ref; years: Ref } & Record<
    "firm" | "pv" | "riskAdjusted",
    (column: number) => Ref
  >
): void {
  const range = (at: (column: number) => Ref) => ({ base: fx`${at(3)}`, high: fx`${at(4)}` });
  waterfall(sheet, {
    title: "Headline to risk-adjusted commitment",
    heading: "Chart: the bridge, low end with the range to the base and the high case",
    format: USD,
    steps: [
      { name: "Headline", kind: "total", amount: fx`${c.commitment}` },
      { name: "Less the contingent tranche", kind: "change", amount: fx`-${c.amount}` },
      { name: "Firm part", kind: "total", amount: fx`${c.firm(2)}` },
      {
        name: "Present value of the contingent tranche",
        kind: "change",
        amount: fx`${c.pv(2)}`,
        range: range(c.pv),
      },
      {
        name: "Risk-adjusted commitment",
        kind: "total",
        amount: fx`${c.riskAdjusted(2)}`,
        range: range(c.riskAdjusted),
      },
    ],
    rangeNames: {
      base: "Low to base (independent triggers)",
      high: "Base to high (exclusive triggers)",
    },
    box: { columns: 4, rows: 18 },
  });

  sheet.pageBreak();
  section(
    sheet,
    "Chart: when the money is paid (the contingent tranche only if a trigger happens)"
  );
  sheet.row(...["When", "Years from signing", "Firm part", "Contingent tranche"].map(header));
  const money = { format: USD };
  const when = [
    sheet.row(
      label("At signing"),
      label(0, "text", FORMATS.years),
      calc(fx`${c.firm(2)}`, money),
      calc(fx`0`, money)
    ),
    sheet.row(
      label("At the horizon"),
      calc(fx`${c.years}`, { format: FORMATS.years }),
      calc(fx`0`, money),
      calc(fx`${c.amount}`, money)
    ),
  ];
  const span = (i: number) => new Span(when[0][i], when[1][i]);
  sheet.chart({
    kind: "stacked-column",
    title: "When the money is paid",
    valueFormat: USD,
    series: [
      { name: "Firm part", categories: span(0), values: span(2) },
      { name: "Contingent tranche, if a trigger happens", categories: span(0), values: span(3) },
    ],
    anchor: chartBelow(sheet, { columns: 3, rows: 14 }),
  });
}

/** The right to invest at a fixed price, priced as a warrant: apart from the obligation's values. */
function rightSheetPart(
  wb: WorkbookBuilder,
  sheet: SheetBuilder,
  input: TrancheInput,
  right: RightInput,
  A: Ref
): Headline[] {
  section(
    sheet,
    "Value of a right (warrant): what the right to invest at the fixed price is worth to its holder; not a value of the commitment"
  );
  const strikeRows: InputRow[] =
    "low" in right.strike
      ? [
          { datum: right.strike.low, format: USD },
          { datum: right.strike.high, format: USD },
        ]
      : [{ datum: right.strike, format: USD, name: "Right_Strike" }];
  const refs = inputRows(wb, sheet, [
    ...strikeRows,
    { datum: right.current, format: USD, name: "Right_Current" },
    { datum: right.volatility, format: PCT, name: "Right_Volatility" },
    { datum: right.years, format: FORMATS.years, name: "Right_Years" },
    { datum: right.riskFree, format: PCT, name: "Right_RiskFree" },
  ]);
  let K: Ref;
  if ("low" in right.strike) {
    const at = sheet.ahead(2);
    sheet.row(
      label("Strike: midpoint of the range (pre-money, K)"),
      calc(fx`AVERAGE(${refs[0]},${refs[1]})`, { format: USD }),
      label(
        "the source gives a range and does not say pre- or post-money; the midpoint in every scenario, so the right stays at the money (the two ends are shown above)",
        "note"
      )
    );
    K = wb.define("Right_Strike", at);
  } else K = refs[0];
  const [V, sigma, T, rf] = refs.slice(refs.length - 4);
  const strikeValue =
    "low" in right.strike
      ? ((numberOf(right.strike.low) ?? NaN) + (numberOf(right.strike.high) ?? NaN)) / 2
      : numberOf(right.strike);
  const e = runEngine("TRANCHE_OPTION_VALUE", {
    amount: numberOf(input.amount),
    current_valuation: numberOf(right.current),
    strike_valuation: strikeValue,
    volatility: numberOf(right.volatility),
    years: numberOf(right.years),
    risk_free_rate: numberOf(right.riskFree),
  });
  const d1 = sheet.ahead(2).offset(7, 0);
  const call = sheet.ahead(2);
  const rows: OutputRow[] = [
    {
      label: "Call on the company's equity, C(V, K)",
      formula: model.call(V, K, sigma, T, rf, d1),
      format: USD,
      method: "Black–Scholes on today's pre-money value V, strike the fixed pre-money price K",
    },
    {
      label: "Undiluted value (as if A ÷ K of the company)",
      formula: fx`${A}/${K}*${call}`,
      engine: e("undiluted_value"),
      format: USD,
      method: "A ÷ K × C: a plain call, ignoring that exercise issues new shares",
    },
    {
      label: "Dilution factor",
      formula: fx`${K}/(${K}+${A})`,
      engine: e("dilution_factor"),
      format: PCT,
      method: "K ÷ (K + A): the new money's own shares dilute the holder's gain",
    },
    {
      label: "Value of the right (warrant)",
      formula: fx`${A}/(${K}+${A})*${call}`,
      engine: e("value"),
      format: USD,
      emphasis: true,
      method: "A ÷ (K + A) × C: the holder pays A for A ÷ (K + A) of the company after the money",
    },
    {
      label: "Intrinsic value today",
      formula: fx`${A}/(${K}+${A})*MAX(${V}-${K},0)`,
      engine: e("intrinsic"),
      format: USD,
      method: "A ÷ (K + A) × max(V − K, 0)",
    },
    {
      label: "Delta N(d1)",
      formula: fx`NORM.S.DIST(${d1},TRUE)`,
      engine: e("delta"),
      format: "0.0000",
    },
    {
      label: "Probability the right ends in the money N(d2)",
      formula: fx`NORM.S.DIST(${d1}-${sigma}*SQRT(${T}),TRUE)`,
      engine: e("probability_in_money"),
      format: PCT,
    },
    { label: "d1", formula: model.d1(V, K, sigma, T, rf), engine: e("d1"), format: "0.0000" },
  ];
  const placed = outputRows(sheet, rows);
  sheet.blank();
  return [
    {
      label: "Right to invest at the fixed price: its value to the holder (warrant, not an outlay)",
      ref: placed[3],
      format: USD,
      expected: engineNumber(e("value")),
      method:
        "value of a right, not an outlay: Black–Scholes call on the pre-money equity, diluted by the new money's own shares (a warrant)",
      right: true,
    },
  ];
}

function scenarioTable(sheet: SheetBuilder, input: TrancheInput, c: Cells, base: Drivers): void {
  section(sheet, "Scenarios (each driver × its factor; base = the inputs above)");
  sheet.row(
    ...[
      "Scenario",
      "Probability ×",
      "Horizon and deadline ×",
      "Probability-weighted",
      "Hazard rate",
    ].map(header)
  );
  const rows: { name: string; factors: (Datum | null)[]; values: number[] }[] = input.scenarios.map(
    (s) => ({
      name: s.name,
      factors: [s.probability, s.years],
      values: [s.probability, s.years].map((d) => numberOf(d) ?? NaN),
    })
  );
  rows.splice(1, 0, { name: "Base", factors: [null, null], values: [1, 1] });
  for (const row of rows) {
    const [pf, yf] = [2, 3].map((col) => sheet.ahead(col));
    const [mp, my] = row.values;
    const scale = (v: number | undefined, f: number) => (v === undefined ? undefined : v * f);
    const d: Drivers = {
      ...base,
      probabilities: base.probabilities.map((p) =>
        p === undefined ? undefined : Math.min(1, p * mp)
      ),
      years: scale(base.years, my),
      deadline: scale(base.deadline, my),
    };
    const e = engines(d);
    const ps = c.probabilities.map((r) => fx`MIN(1,${r}*${pf})`);
    const years = fx`${c.years}*${yf}`;
    const lambda = fx`(${joinFormulas(
      ps.map((p) => model.hazardOf(p, years)),
      "+"
    )})`;
    sheet.row(
      label(row.name, "text"),
      ...row.factors.map((f, i) =>
        f ? datumCell(f, "0.00") : label(row.values[i], "text", "0.00")
      ),
      calc(model.weighted(c.amount, fx`(${model.combined(ps)})`, years, c.rate), {
        format: USD,
        expected: engineNumber(e.weighted("expected_value")),
      }),
      calc(model.hazard(c.amount, lambda, fx`(${c.deadline}*${yf})`, c.rate, c.timing), {
        format: USD,
        expected: engineNumber(e.hazard("expected_value")),
      })
    );
  }
}

export const CONTINGENT_TRANCHE_TEMPLATE: Template = {
  name: "contingent-tranche",
  title: "Contingent tranche",
  summary:
    "a tranche paid on a trigger, valued probability-weighted and with a hazard rate on one calibration, the bridge from the headline to a risk-adjusted commitment, and, where a source states one, the value of a right to invest at a fixed price (a warrant)",
  facts: [
    {
      key: "tranche_contingent / tranche_option",
      description:
        "the tranche paid only on a trigger, or the right to invest more at a fixed price",
      required: true,
    },
    {
      key: "trigger_<name>",
      description: "each event that releases it (one probability per trigger)",
      required: false,
    },
    {
      key: "investment",
      description: "the headline commitment the contingent tranche is part of (the bridge)",
      required: false,
    },
    {
      key: "pre_money / valuation",
      description: "the fixed price of a right to invest (its strike)",
      required: false,
    },
  ],
  assumptions: [
    ...Object.values(SPECS),
    ...["agi", "ipo", "exercise"].map(probabilitySpec),
    ...SCENARIOS.flatMap(({ name }) =>
      ["probability", "years"].map((what) => factorSpec(name, what))
    ),
  ],
  applicability(deal) {
    const applies = trancheOf(deal) !== undefined;
    return {
      applies,
      missing: applies
        ? []
        : [
            "a contingent tranche or a right to invest at a fixed price (tranche_contingent or tranche_option)",
          ],
    };
  },
  contribute: (wb, context) => trancheSheet(wb, trancheInput(context)),
};
