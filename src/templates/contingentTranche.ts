/**
 * The contingent-tranche template: one tranche valued three ways side by side (probability-weighted,
 * a hazard rate with a deadline, an option at a fixed price), bear/base/bull scenarios, and the
 * probability-weighted value over probability × years to the trigger, all as native formulas
 * checked against DEAL.TRANCHE_VALUE, DEAL.TRANCHE_HAZARD_VALUE and DEAL.TRANCHE_OPTION_VALUE.
 */
import { findAssumption } from "../data/assumptions";
import { LibraryDeal } from "../data/schema";
import {
  CheckRow,
  checkRows,
  headline,
  Headline,
  inputRows,
  InputRow,
  section,
  sensitivityGrid,
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
import { EngineArg, engineNumber, runEngine } from "./engine";
import { FORMATS } from "./plan";
import {
  findFact,
  libraryAssumption,
  numericFact,
  provenanceOf,
  Template,
  TemplateContext,
} from "./template";

export interface Trigger {
  /** "achieving AGI", as the source words it (or a description for an option's exercise). */
  event: Datum;
  probability: Datum;
  hazard: Datum;
}

export interface ScenarioFactors {
  name: string;
  probability: Datum;
  years: Datum;
  hazard: Datum;
  volatility: Datum;
}

export interface TrancheInput {
  title: string;
  amount: Datum;
  /** Independent alternatives: any one releases the tranche. */
  triggers: readonly Trigger[];
  yearsToTrigger: Datum;
  discountRate: Datum;
  deadline: Datum;
  /** "on_trigger" or "at_deadline". */
  timing: Datum;
  /** The price fixed for the money: a valuation, or the two ends of a range (read at the midpoint). */
  strike: Datum | { low: Datum; high: Datum };
  current: Datum;
  volatility: Datum;
  optionYears: Datum;
  riskFree: Datum;
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
): AssumptionSpec => ({
  key,
  label,
  description,
  domain,
});

const SPECS = {
  amount: spec(
    "amount",
    "Tranche amount",
    on("TRANCHE_VALUE", "amount"),
    "the tranche, when the deal states none"
  ),
  yearsToTrigger: spec(
    "years_to_trigger",
    "Years to the trigger",
    on("TRANCHE_VALUE", "years"),
    "years until the trigger, probability-weighted method"
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
    "when the commitment lapses, hazard method"
  ),
  current: spec(
    "current_valuation",
    "Current valuation",
    on("TRANCHE_OPTION_VALUE", "current_valuation"),
    "the valuation now, option method"
  ),
  strike: spec(
    "strike_valuation",
    "Strike valuation",
    on("TRANCHE_OPTION_VALUE", "strike_valuation"),
    "the fixed price, when the deal states none"
  ),
  volatility: spec(
    "volatility",
    "Volatility (annual)",
    on("TRANCHE_OPTION_VALUE", "volatility"),
    "annual volatility of the investee's equity"
  ),
  optionYears: spec(
    "option_years",
    "Years the price holds (option)",
    on("TRANCHE_OPTION_VALUE", "years"),
    "how long the price is fixed"
  ),
  riskFree: spec(
    "risk_free_rate",
    "Risk-free rate",
    on("TRANCHE_OPTION_VALUE", "risk_free_rate"),
    "annual risk-free rate, option method"
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
    `Probability: ${name.replace(/_/g, " ")}`,
    on("TRANCHE_VALUE", "probability")
  );
const hazardSpec = (name: string) =>
  spec(
    `annual_hazard_${name}`,
    `Annual hazard: ${name.replace(/_/g, " ")}`,
    on("TRANCHE_HAZARD_VALUE", "annual_hazard")
  );
const factorSpec = (scenario: string, what: string) =>
  spec(
    `${scenario}_${what}_factor`,
    `${scenario === "bear" ? "Bear" : "Bull"}: × ${what}`,
    local("factor", { min: 0 })
  );

/** Bear and bull move every driver the same way: fewer, later triggers and calmer prices, or the reverse. */
const SCENARIOS = [
  { name: "bear", factors: { probability: 0.5, years: 1.5, hazard: 0.5, volatility: 0.75 } },
  { name: "bull", factors: { probability: 1.5, years: 0.75, hazard: 1.5, volatility: 1.25 } },
] as const;

const defaultOf = (key: string) => findAssumption(key);

/** A library default when there is one for `key`, else a missing value to fill. */
function assumptionOrMissing(s: AssumptionSpec, what: string, overrides: Overrides): Datum {
  const found = defaultOf(s.key);
  return found && typeof found.value === "number"
    ? assumed(s, found.value, found.rationale, overrides)
    : missingFact(s, what, overrides);
}

/** The tranche a deal's template values: the contingent part, else the option. */
function trancheOf(deal: LibraryDeal): { key: string; label: string } | undefined {
  if (numericFact(deal, "tranche_contingent", ""))
    return { key: "tranche_contingent", label: "Contingent tranche" };
  if (numericFact(deal, "tranche_option", ""))
    return { key: "tranche_option", label: "Option tranche" };
  return undefined;
}

export function trancheInput({ deal, overrides }: TemplateContext): TrancheInput {
  const tranche = trancheOf(deal);
  const isOption = tranche?.key === "tranche_option";
  const amount = tranche
    ? (numericFact(deal, tranche.key, tranche.label) as Fact)
    : missingFact(SPECS.amount, "contingent or option tranche", overrides);
  const named = deal.facts.filter(
    (f) => f.key.startsWith("trigger_") && typeof f.value === "string"
  );
  const optionYears = libraryAssumption(SPECS.optionYears, overrides);
  const window = numberOf(optionYears) as number;
  const triggers: Trigger[] =
    named.length > 0 && !isOption
      ? named.map((f) => {
          const name = f.key.slice("trigger_".length);
          return {
            event: fact(
              `Trigger: ${name.replace(/_/g, " ")}`,
              f.value as string,
              provenanceOf(deal, f)
            ),
            probability: assumptionOrMissing(
              probabilitySpec(name),
              `probability for the ${name} trigger`,
              overrides
            ),
            hazard: assumptionOrMissing(
              hazardSpec(name),
              `hazard rate for the ${name} trigger`,
              overrides
            ),
          };
        })
      : [
          {
            event: {
              kind: "assumption",
              key: "trigger_exercise",
              label: "Trigger",
              value: "the holder exercises",
              rationale: "An option is released when its holder chooses to exercise it.",
            },
            probability: assumed(
              probabilitySpec("exercise"),
              0.5,
              "At signing the price is the deal's own: the option is at the money, about even odds it ends in the money and is exercised.",
              overrides
            ),
            hazard: assumed(
              hazardSpec("exercise"),
              Math.LN2 / window,
              `The rate giving even odds of exercise within the ${window}-year window (1 − e^(−λ·${window}) = 0.5).`,
              overrides
            ),
          },
        ];
  const valuation = findFact(deal, "post_money") ?? findFact(deal, "valuation");
  const strikeLabel = "Strike valuation (the deal's price)";
  const strike: TrancheInput["strike"] =
    valuation && typeof valuation.value === "number"
      ? fact(strikeLabel, valuation.value, provenanceOf(deal, valuation))
      : valuation && typeof valuation.value === "object"
        ? {
            low: fact(`${strikeLabel}, low`, valuation.value.low, provenanceOf(deal, valuation)),
            high: fact(`${strikeLabel}, high`, valuation.value.high, provenanceOf(deal, valuation)),
          }
        : assumed(
            SPECS.strike,
            1,
            "No source states the price: valuations are an index (strike = 1), so the option is valued at the money.",
            overrides
          );
  const strikeValue =
    "low" in strike
      ? ((numberOf(strike.low) as number) + (numberOf(strike.high) as number)) / 2
      : (numberOf(strike) as number);
  const yearsToTrigger = isOption
    ? assumed(
        SPECS.yearsToTrigger,
        window,
        "An option is exercised at the end of its window.",
        overrides
      )
    : libraryAssumption(SPECS.yearsToTrigger, overrides);
  return {
    title: `Contingent tranche: ${deal.title}`,
    amount,
    triggers,
    yearsToTrigger,
    discountRate: libraryAssumption(SPECS.discountRate, overrides),
    deadline: isOption
      ? assumed(SPECS.deadline, window, "An option lapses at the end of its window.", overrides)
      : libraryAssumption(SPECS.deadline, overrides),
    timing: {
      kind: "assumption",
      key: "timing",
      label: "Payment timing (on_trigger or at_deadline)",
      value: "on_trigger",
      rationale: "The money is paid when the trigger happens.",
    },
    strike,
    current: assumed(
      SPECS.current,
      strikeValue,
      "At signing the valuation is the deal's price. Enter a later valuation mark to value the option at that date.",
      overrides
    ),
    volatility: libraryAssumption(SPECS.volatility, overrides),
    optionYears: isOption
      ? optionYears
      : assumed(
          SPECS.optionYears,
          numberOf(libraryAssumption(SPECS.yearsToTrigger, overrides)) as number,
          "The price holds until the trigger.",
          overrides
        ),
    riskFree: libraryAssumption(SPECS.riskFree, overrides),
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
        `${name}: years to the trigger × this.`,
        overrides
      ),
      hazard: assumed(
        factorSpec(name, "hazard"),
        factors.hazard,
        `${name}: each hazard rate × this.`,
        overrides
      ),
      volatility: assumed(
        factorSpec(name, "volatility"),
        factors.volatility,
        `${name}: volatility × this.`,
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
  hazards: (number | undefined)[];
  years?: number;
  rate?: number;
  deadline?: number;
  timing: string;
  current?: number;
  strike?: number;
  volatility?: number;
  optionYears?: number;
  riskFree?: number;
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
      annual_hazard: list(d.hazards),
      deadline_years: d.deadline,
      discount_rate: d.rate,
      timing: d.timing,
    }),
    option: runEngine("TRANCHE_OPTION_VALUE", {
      amount: d.amount,
      current_valuation: d.current,
      strike_valuation: d.strike,
      volatility: d.volatility,
      years: d.optionYears,
      risk_free_rate: d.riskFree,
    }),
  };
}

/** References to the placed inputs. */
interface Cells {
  amount: Ref;
  probabilities: Ref[];
  hazards: Ref[];
  years: Ref;
  rate: Ref;
  deadline: Ref;
  timing: Ref;
  strike: Ref;
  current: Ref;
  volatility: Ref;
  optionYears: Ref;
  riskFree: Ref;
}

/** The native formulas, from whichever cells or expressions hold each driver (base or scenario). */
const model = {
  combined: (probabilities: Formula[]) =>
    fx`1-${joinFormulas(
      probabilities.map((p) => fx`(1-${p})`),
      "*"
    )}`,
  weighted: (A: Ref, p: Formula, y: Formula, r: Ref) => fx`${A}*${p}*(1+${r})^(-${y})`,
  hazard: (A: Ref, lambda: Formula, T: Ref, r: Ref, timing: Ref) =>
    fx`IF(${timing}="at_deadline",${A}*(1-EXP(-${lambda}*${T}))*(1+${r})^(-${T}),IF(${lambda}+LN(1+${r})=0,${A}*${lambda}*${T},${A}*${lambda}/(${lambda}+LN(1+${r}))*(1-EXP(-(${lambda}+LN(1+${r}))*${T}))))`,
  spot: (A: Ref, current: Ref, strike: Ref) => fx`${A}*${current}/${strike}`,
  sigmaRootT: (sigma: Formula, T: Ref) => fx`(${sigma})*SQRT(${T})`,
  d1: (S: Formula, K: Ref, sigma: Formula, T: Ref, rf: Ref) =>
    fx`(LN(${S}/${K})+(LN(1+${rf})+(${sigma})^2/2)*${T})/((${sigma})*SQRT(${T}))`,
  option: (S: Formula, K: Ref, sigma: Formula, T: Ref, rf: Ref) => {
    const d1 = model.d1(S, K, sigma, T, rf);
    const sT = model.sigmaRootT(sigma, T);
    return fx`IF(${sT}=0,MAX(${S}-${K}*EXP(-LN(1+${rf})*${T}),0),${S}*NORM.S.DIST(${d1},TRUE)-${K}*EXP(-LN(1+${rf})*${T})*NORM.S.DIST(${d1}-${sT},TRUE))`;
  },
};

export function trancheSheet(
  wb: WorkbookBuilder,
  input: TrancheInput,
  sheetName = "Contingent tranche"
): Headline[] {
  const sheet = wb.sheet(sheetName, [40, 18, 18, 18, 12, 12, 16, 16, 16]);
  titleBlock(
    wb,
    sheet,
    input.title,
    "One tranche valued three ways: probability-weighted, hazard with a deadline, option at a fixed price"
  );

  section(sheet, "Inputs");
  // Without a sourced price the valuations are an index (1 = the price), not dollars.
  const valuationFormat =
    "low" in input.strike || input.strike.kind === "fact" ? USD : FORMATS.number;
  const strikeRows: InputRow[] =
    "low" in input.strike
      ? [
          { datum: input.strike.low, format: USD },
          { datum: input.strike.high, format: USD },
        ]
      : [{ datum: input.strike, format: valuationFormat, name: "Tranche_Strike" }];
  const triggerRows = input.triggers.flatMap((t): InputRow[] => [
    { datum: t.event },
    { datum: t.probability, format: PCT },
    { datum: t.hazard, format: "0.000" },
  ]);
  const refs = inputRows(wb, sheet, [
    { datum: input.amount, format: USD, name: "Tranche_Amount" },
    ...triggerRows,
    { datum: input.yearsToTrigger, format: FORMATS.years, name: "Tranche_Years" },
    { datum: input.discountRate, format: PCT, name: "Tranche_Rate" },
    { datum: input.deadline, format: FORMATS.years, name: "Tranche_Deadline" },
    { datum: input.timing, name: "Tranche_Timing" },
    ...strikeRows,
    { datum: input.current, format: valuationFormat, name: "Tranche_Current" },
    { datum: input.volatility, format: PCT, name: "Tranche_Volatility" },
    { datum: input.optionYears, format: FORMATS.years, name: "Tranche_OptionYears" },
    { datum: input.riskFree, format: PCT, name: "Tranche_RiskFree" },
  ]);
  const take = (() => {
    let i = 0;
    return () => refs[i++];
  })();
  const amount = take();
  const probabilities: Ref[] = [];
  const hazards: Ref[] = [];
  for (let t = 0; t < input.triggers.length; t++) {
    take();
    probabilities.push(take());
    hazards.push(take());
  }
  const [years, rate, deadline, timing] = [take(), take(), take(), take()];
  let strike: Ref;
  if ("low" in input.strike) {
    const [low, high] = [take(), take()];
    const at = sheet.ahead(2);
    sheet.row(
      label("Strike valuation (midpoint of the range)"),
      calc(fx`AVERAGE(${low},${high})`, { format: USD })
    );
    strike = wb.define("Tranche_Strike", at);
  } else strike = take();
  const cells: Cells = {
    amount,
    probabilities,
    hazards,
    years,
    rate,
    deadline,
    timing,
    strike,
    current: take(),
    volatility: take(),
    optionYears: take(),
    riskFree: take(),
  };
  const strikeValue =
    "low" in input.strike
      ? ((numberOf(input.strike.low) ?? NaN) + (numberOf(input.strike.high) ?? NaN)) / 2
      : numberOf(input.strike);
  const base: Drivers = {
    amount: numberOf(input.amount),
    probabilities: input.triggers.map((t) => numberOf(t.probability)),
    hazards: input.triggers.map((t) => numberOf(t.hazard)),
    years: numberOf(input.yearsToTrigger),
    rate: numberOf(input.discountRate),
    deadline: numberOf(input.deadline),
    timing: String(input.timing.value),
    current: numberOf(input.current),
    strike: strikeValue,
    volatility: numberOf(input.volatility),
    optionYears: numberOf(input.optionYears),
    riskFree: numberOf(input.riskFree),
  };
  sheet.blank();

  const values = threeWays(wb, sheet, cells, engines(base));
  sheet.blank();
  scenarioTable(sheet, input, cells, base);
  sheet.blank();

  sensitivityGrid(sheet, {
    title: "Probability-weighted value: combined probability × years to the trigger",
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
      label: "Years to the trigger",
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
  return values.headlines;
}

/** 1 − Π(1 − p_i), multiplied in the order the sheet's formula multiplies. */
function combinedProbability(probabilities: (number | undefined)[]): number | undefined {
  if (probabilities.some((p) => p === undefined)) return undefined;
  return 1 - (probabilities as number[]).reduce((product, p) => product * (1 - p), 1);
}

function threeWays(
  wb: WorkbookBuilder,
  sheet: SheetBuilder,
  c: Cells,
  e: ReturnType<typeof engines>
) {
  section(sheet, "Probability-weighted (DEAL.TRANCHE_VALUE)");
  // Under the header: the probability, then the expected value.
  const pRef = sheet.ahead(2).offset(1, 0);
  const evRef = pRef.offset(1, 0);
  const p = fx`${pRef}`;
  const weightedRows: CheckRow[] = [
    {
      label: "Probability any trigger happens",
      formula: model.combined(c.probabilities.map((r) => fx`${r}`)),
      engine: e.weighted("probability"),
      format: PCT,
    },
    {
      label: "Expected value",
      formula: model.weighted(c.amount, p, fx`${c.years}`, c.rate),
      engine: e.weighted("expected_value"),
      format: USD,
      emphasis: true,
    },
    {
      label: "Discount factor",
      formula: fx`(1+${c.rate})^(-${c.years})`,
      engine: e.weighted("discount_factor"),
      format: "0.0000",
    },
    {
      label: "Expected, undiscounted",
      formula: fx`${c.amount}*${p}`,
      engine: e.weighted("expected_undiscounted"),
      format: USD,
    },
    {
      label: "Haircut to the amount",
      formula: fx`1-${evRef}/${c.amount}`,
      engine: e.weighted("haircut"),
      format: PCT,
    },
  ];
  const weighted = checkRows(sheet, weightedRows);
  const probability = wb.define("Tranche_Probability", weighted[0]);
  sheet.blank();

  section(sheet, "Hazard rate with a deadline (DEAL.TRANCHE_HAZARD_VALUE)");
  const lambdaRef = sheet.ahead(2);
  sheet.row(
    label("Total hazard rate (triggers add up)"),
    calc(fx`${joinFormulas(c.hazards, "+")}`, { format: "0.000" })
  );
  const lambda = fx`${lambdaRef}`;
  const hazardRows: CheckRow[] = [
    {
      label: "Expected value",
      formula: model.hazard(c.amount, lambda, c.deadline, c.rate, c.timing),
      engine: e.hazard("expected_value"),
      format: USD,
      emphasis: true,
    },
    {
      label: "Probability the trigger happens by the deadline",
      formula: fx`1-EXP(-${lambda}*${c.deadline})`,
      engine: e.hazard("trigger_probability"),
      format: PCT,
    },
    {
      label: "Expected years to the trigger, if it happens",
      formula: fx`IF(AND(${lambda}>0,${c.deadline}>0),1/${lambda}-${c.deadline}*EXP(-${lambda}*${c.deadline})/(1-EXP(-${lambda}*${c.deadline})),"—")`,
      engine: e.hazard("expected_trigger_years"),
      format: FORMATS.years,
    },
  ];
  const hazard = checkRows(sheet, hazardRows);
  sheet.blank();

  section(sheet, "Option at a fixed price (DEAL.TRANCHE_OPTION_VALUE, Black–Scholes)");
  const spotRef = sheet.ahead(2);
  sheet.row(
    label("Value of the shares the amount buys (S)"),
    calc(model.spot(c.amount, c.current, c.strike), { format: USD })
  );
  const S = fx`${spotRef}`;
  const sigma = fx`${c.volatility}`;
  const d1Ref = sheet.ahead(2).offset(5, 0);
  const sT = model.sigmaRootT(sigma, c.optionYears);
  const optionRows: CheckRow[] = [
    {
      label: "Option value",
      formula: model.option(S, c.amount, sigma, c.optionYears, c.riskFree),
      engine: e.option("value"),
      format: USD,
      emphasis: true,
    },
    {
      label: "Intrinsic value",
      formula: fx`MAX(${S}-${c.amount},0)`,
      engine: e.option("intrinsic"),
      format: USD,
    },
    {
      label: "Delta N(d1)",
      formula: fx`NORM.S.DIST(${d1Ref},TRUE)`,
      engine: e.option("delta"),
      format: "0.0000",
    },
    {
      label: "Probability in the money N(d2)",
      formula: fx`NORM.S.DIST(${d1Ref}-${sT},TRUE)`,
      engine: e.option("probability_in_money"),
      format: PCT,
    },
    {
      label: "d1",
      formula: model.d1(S, c.amount, sigma, c.optionYears, c.riskFree),
      engine: e.option("d1"),
      format: "0.0000",
    },
    { label: "d2", formula: fx`${d1Ref}-${sT}`, engine: e.option("d2"), format: "0.0000" },
  ];
  const option = checkRows(sheet, optionRows);
  sheet.blank();

  section(sheet, "Side by side");
  sheet.row(
    header(""),
    ...["Probability-weighted", "Hazard with deadline", "Option at a fixed price"].map(header)
  );
  const valueRow = sheet.nextRow;
  sheet.row(
    label("Value of the tranche"),
    ...[weighted[1], hazard[0], option[0]].map((r) => calc(fx`${r}`, { format: USD }))
  );
  sheet.row(
    label("As a share of the amount"),
    ...[2, 3, 4].map((col) => calc(fx`${sheet.ref(valueRow, col)}/${c.amount}`, { format: PCT }))
  );
  return {
    probability,
    headlines: [
      headline({ ...weightedRows[1], label: "Tranche: probability-weighted value" }, weighted[1]),
      headline({ ...hazardRows[0], label: "Tranche: hazard value" }, hazard[0]),
      headline({ ...optionRows[0], label: "Tranche: option value" }, option[0]),
    ],
  };
}

function scenarioTable(sheet: SheetBuilder, input: TrancheInput, c: Cells, base: Drivers): void {
  section(sheet, "Scenarios (each driver × its factor; base = the inputs above)");
  sheet.row(
    ...[
      "Scenario",
      "Probability ×",
      "Years ×",
      "Hazard ×",
      "Volatility ×",
      "",
      "Probability-weighted",
      "Hazard",
      "Option",
    ].map(header)
  );
  const rows: { name: string; factors: (Datum | null)[]; values: number[] }[] = [
    ...input.scenarios.map((s) => ({
      name: s.name,
      factors: [s.probability, s.years, s.hazard, s.volatility],
      values: [s.probability, s.years, s.hazard, s.volatility].map((d) => numberOf(d) ?? NaN),
    })),
  ];
  rows.splice(1, 0, { name: "Base", factors: [null, null, null, null], values: [1, 1, 1, 1] });
  for (const row of rows) {
    const [pf, yf, hf, vf] = [2, 3, 4, 5].map((col) => sheet.ahead(col));
    const [mp, my, mh, mv] = row.values;
    const d: Drivers = {
      ...base,
      probabilities: base.probabilities.map((p) =>
        p === undefined ? undefined : Math.min(1, p * mp)
      ),
      hazards: base.hazards.map((h) => (h === undefined ? undefined : h * mh)),
      years: base.years === undefined ? undefined : base.years * my,
      volatility: base.volatility === undefined ? undefined : base.volatility * mv,
    };
    const e = engines(d);
    const p = model.combined(c.probabilities.map((r) => fx`MIN(1,${r}*${pf})`));
    const lambda = fx`(${joinFormulas(
      c.hazards.map((h) => fx`${h}*${hf}`),
      "+"
    )})`;
    const S = model.spot(c.amount, c.current, c.strike);
    const sigma = fx`${c.volatility}*${vf}`;
    const factorCells = row.factors.map((f, i) =>
      f ? datumCell(f, "0.00") : label(row.values[i], "text", "0.00")
    );
    sheet.row(
      label(row.name, "text"),
      ...factorCells,
      null,
      calc(model.weighted(c.amount, fx`(${p})`, fx`${c.years}*${yf}`, c.rate), {
        format: USD,
        expected: engineNumber(e.weighted("expected_value")),
      }),
      calc(model.hazard(c.amount, lambda, c.deadline, c.rate, c.timing), {
        format: USD,
        expected: engineNumber(e.hazard("expected_value")),
      }),
      calc(model.option(fx`(${S})`, c.amount, sigma, c.optionYears, c.riskFree), {
        format: USD,
        expected: engineNumber(e.option("value")),
      })
    );
  }
}

export const CONTINGENT_TRANCHE_TEMPLATE: Template = {
  name: "contingent-tranche",
  title: "Contingent tranche",
  summary:
    "one tranche valued three ways side by side (probability-weighted, hazard with deadline, option at a fixed price), bear/base/bull scenarios, value over probability × years",
  facts: [
    {
      key: "tranche_contingent / tranche_option",
      description: "the tranche paid only on a trigger, or the option to invest more",
      required: true,
    },
    {
      key: "trigger_<name>",
      description: "each event that releases it (one probability and one hazard per trigger)",
      required: false,
    },
    {
      key: "post_money / valuation",
      description: "the deal's price, the option's strike (else an index at the money)",
      required: false,
    },
  ],
  assumptions: [
    ...Object.values(SPECS),
    ...["agi", "ipo", "exercise"].flatMap((name) => [probabilitySpec(name), hazardSpec(name)]),
    ...SCENARIOS.flatMap(({ name }) =>
      ["probability", "years", "hazard", "volatility"].map((what) => factorSpec(name, what))
    ),
  ],
  applicability(deal) {
    const applies = trancheOf(deal) !== undefined;
    return {
      applies,
      missing: applies
        ? []
        : ["a contingent or option tranche (tranche_contingent or tranche_option)"],
    };
  },
  contribute: (wb, context) => trancheSheet(wb, trancheInput(context)),
};
