/**
 * One scenario switch drives every sheet: each template on each library deal it applies to,
 * written with the switch at Low, Base and High (the cell changed in the file, as a reader would)
 * and recalculated by LibreOffice in one batch. No case shows an error cell; every output of the
 * Base case lies between its Low and High values; the outputs that move one way with the switch
 * are checked to do so, and where an output is a ratio the identity it must keep is checked
 * instead. The Amazon–Anthropic 2023 and Amazon–OpenAI 2026 tranches are worked by hand here.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { findAssumption } from "../../src/data/assumptions";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { factRange } from "../../src/data/ranges";
import { isRange } from "../../src/data/schema";
import { TEMPLATES } from "../../src/templates";
import { WorkbookBuilder } from "../../src/templates/builder";
import { networkSheet } from "../../src/templates/capitalFlowNetwork";
import { fact } from "../../src/templates/datum";
import { Provenance, SheetPlan } from "../../src/templates/plan";
import { SCENARIOS } from "../../src/templates/scenario";
import { buildPlan, provenanceOf } from "../../src/templates/template";
import { planToBuffer } from "../../src/workbook/xlsxWriter";
import {
  errorCells,
  describeWithLibreOffice,
  readWorkbook,
  recalculate,
  resultOf,
  scenarioCell,
  withScenario,
} from "../support/libreoffice";
import { allCells } from "../templates/planQuery";

const deals = BUILTIN_LIBRARY;
/** The IC summary is left out: it is built from these templates (its memo is tested apart). */
const MODELS = TEMPLATES.filter((t) => t.name !== "ic-summary");
const number = (key: string) => findAssumption(key)?.value as number;

interface Workbook {
  name: string;
  template: string;
  deal: string;
  plan: SheetPlan;
  switched: boolean;
}

const workbooks: Workbook[] = MODELS.flatMap((template) =>
  deals
    .filter((deal) => template.applicability(deal, deals).applies)
    .map((deal) => {
      const plan = buildPlan(template, { deal, deals, overrides: {} });
      const name = `${template.name}--${deal.id}`;
      return { name, template: template.name, deal: deal.id, plan, switched: !!scenarioCell(plan) };
    })
);
/**
 * A web whose cycle is bottlenecked by the banded spend ("over $100B") against $150B the other
 * way, so the circulation itself moves with the switch: 100, 100, 120 on each leg.
 */
function bottleneckPlan(): SheetPlan {
  const wb = new WorkbookBuilder({
    template: "capital-flow-network",
    title: "bottleneck",
    dealId: "bottleneck",
    asOf: "2026",
  });
  const deal = deals.find((d) => d.id === "amazon-anthropic-2026")!;
  const spend = provenanceOf(
    deal,
    deal.facts.find((f) => f.key === "spend_commitment")!
  );
  const flow = (from: string, to: string, type: string, amount: number, source: Provenance) => ({
    from,
    to,
    type,
    kind: type,
    amount: fact(`${from} → ${to}`, amount, source),
    commitment: "as stated",
    dealTitle: "bottleneck",
    highlight: false,
  });
  networkSheet(wb, {
    title: "bottleneck",
    flows: [
      flow("Amazon", "Anthropic", "equity investment", 150e9, {
        document: "a synthetic flow",
        section: "test",
        status: "announced",
      }),
      flow("Anthropic", "Amazon", "commercial commitment", 100e9, spend),
    ],
    computedOn: "2026-01-01",
    deals,
  });
  return wb.build();
}
workbooks.push({
  name: "bottleneck",
  template: "capital-flow-network",
  deal: "bottleneck",
  plan: bottleneckPlan(),
  switched: true,
});

const find = (template: string, deal: string) =>
  workbooks.find((w) => w.template === template && w.deal === deal)!;

/**
 * Figures a template keeps as announced: the ladder's money committed "up to" $4B, from which it
 * reads the stated valuation's pre- and post-money, shown beside the $1.25B funded at close; and
 * the capacity built to serve the vendor loop's spend, whose "up to" low end (nothing firm) would
 * be a spend served with no capex.
 */
const KEPT_AS_ANNOUNCED = [
  "valuation-ladder amazon-anthropic-2023/investment",
  "vendor-loop amazon-anthropic-2026/compute_capacity",
];

const CASE_LABELS = [
  "   Low case",
  "   Base: the figure as the template reads it",
  "   High case (the best case)",
];

describe("every banded input reads the switch (in the plan)", () => {
  it("covers every template but the IC summary, on every deal it applies to", () => {
    expect(new Set(workbooks.map((w) => w.template)).size).toBe(TEMPLATES.length - 1);
    expect(workbooks.filter((w) => w.switched).length).toBeGreaterThanOrEqual(10);
  });

  it("writes each sourced figure whose words give a band as Low, Base and High under a pick, one switch per workbook", () => {
    const unswitched: string[] = [];
    for (const { name, template, plan } of workbooks) {
      const switches = allCells(plan).filter(
        ({ cell }) => cell.kind === "assumption" && cell.key === "scenario"
      );
      expect(switches.length).toBeLessThanOrEqual(1);
      for (const { sheet, row, cell } of allCells(plan)) {
        if (cell.kind !== "input" || typeof cell.value !== "number" || !cell.source.fact) continue;
        const [dealId, key] = cell.source.fact.split("/");
        const deal = deals.find((d) => d.id === dealId)!;
        const found = deal.facts.find((f) => f.key === key)!;
        // A range stays a range: its two ends are two rows, each taken as stated.
        if (isRange(found.value)) continue;
        if (KEPT_AS_ANNOUNCED.includes(`${template} ${cell.source.fact}`)) continue;
        const band = factRange(deal, found).band;
        if (!band || band.high === null || (band.low === band.high && band.low === cell.value))
          continue;
        const first = plan.sheets.find((s) => s.name === sheet)!.rows[row - 1][0];
        const text = first?.kind === "label" ? String(first.text) : "";
        if (!CASE_LABELS.includes(text) || switches.length !== 1)
          unswitched.push(`${name} ${sheet} row ${row}: ${cell.label}`);
      }
    }
    expect(unswitched).toEqual([]);
  });
});

type Read = (sheet: string, row: number, column: number) => unknown;

describeWithLibreOffice("Low, Base and High recalculated by LibreOffice", (soffice) => {
  /** By workbook name, then scenario (a workbook without a switch has Base only). */
  const read = new Map<string, Map<string, Read>>();
  const books = new Map<string, ExcelJS.Workbook>();

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "dealloop-switch-"));
    const jobs = workbooks.flatMap((w) =>
      (w.switched ? SCENARIOS : (["Base"] as const)).map((scenario) => ({ w, scenario }))
    );
    const files = await Promise.all(
      jobs.map(async ({ w, scenario }) => {
        const file = join(dir, `${w.name}--${scenario}.xlsx`);
        const buffer = w.switched
          ? await withScenario(w.plan, scenario)
          : await planToBuffer(w.plan);
        writeFileSync(file, buffer as Buffer);
        return file;
      })
    );
    const converted = await recalculate(soffice, files, join(dir, "out"), 600_000);
    for (const [i, { w, scenario }] of jobs.entries()) {
      const book = await readWorkbook(converted[i]);
      books.set(`${w.name} ${scenario}`, book);
      const cases = read.get(w.name) ?? new Map<string, Read>();
      cases.set(scenario, (sheet, row, column) =>
        resultOf(book.getWorksheet(sheet)!.getCell(row, column))
      );
      read.set(w.name, cases);
    }
  }, 600_000);

  /** The value in `column` of the row labelled `text` on `sheet`, in each scenario. */
  const byLabel = (w: Workbook, sheet: string, text: string, column = 2) => {
    const rows = w.plan.sheets.find((s) => s.name === sheet)!.rows;
    const at = rows.findIndex((r) => r[0]?.kind === "label" && r[0].text === text) + 1;
    if (at === 0) throw new Error(`no row "${text}" on ${sheet}`);
    return cases(w).map((get) => get(sheet, at, column) as number);
  };
  const cases = (w: Workbook) => {
    const got = read.get(w.name)!;
    return (w.switched ? SCENARIOS : ["Base"]).map((s) => got.get(s)!);
  };
  const near = (actual: unknown, expected: number, relative = 1e-9) => {
    expect(typeof actual).toBe("number");
    expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
      relative * Math.max(1, Math.abs(expected))
    );
  };
  const slack = (x: number) => 1e-9 * Math.max(1, Math.abs(x));

  it("recalculates every case of every workbook without an error cell", () => {
    expect(books.size).toBe(workbooks.reduce((n, w) => n + (w.switched ? 3 : 1), 0));
    expect(errorCells(books)).toEqual([]);
  });

  it("keeps the switch at the value set, and the switch moves at least one figure", () => {
    for (const w of workbooks.filter((x) => x.switched)) {
      const at = scenarioCell(w.plan)!;
      expect(cases(w).map((get) => get(at.sheet, at.row, at.column))).toEqual([...SCENARIOS]);
      const moved = allCells(w.plan).some(({ sheet, row, column, cell }) => {
        if (cell.kind !== "formula") return false;
        const [low, , high] = cases(w).map((get) => get(sheet, row, column));
        return typeof low === "number" && typeof high === "number" && low !== high;
      });
      expect({ name: w.name, moved }).toEqual({ name: w.name, moved: true });
    }
  });

  it("puts every Base output between its Low and High values, cell by cell", () => {
    // Each workbook's banded figures all move to the investor's worse side in Low and to the
    // better side in High, and each output here depends on them through sums, products with
    // non-negative weights, MIN and MAX, or ratios whose parts move together; where Low or High
    // leaves a figure at Base (an "over" floor, an "up to" ceiling) the output is at Base too.
    const outside: string[] = [];
    for (const w of workbooks.filter((x) => x.switched))
      for (const { sheet, row, column, cell } of allCells(w.plan)) {
        if (cell.kind !== "formula") continue;
        const [l, b, h] = cases(w).map((get) => get(sheet, row, column));
        if (typeof b !== "number") continue;
        if (typeof l !== "number" || typeof h !== "number") {
          // Only a ratio over an amount the Low case sets to zero may turn to words there.
          if (l !== "no amount" || typeof h !== "number")
            outside.push(`${w.name} ${sheet}!R${row}C${column}`);
          continue;
        }
        if (b < Math.min(l, h) - slack(b) || b > Math.max(l, h) + slack(b))
          outside.push(`${w.name} ${sheet}!R${row}C${column}: ${l} ${b} ${h}`);
      }
    expect(outside).toEqual([]);
  });

  describe("Amazon–Anthropic 2023: $1.25B firm, up to $4B, the $2.75B option", () => {
    const w = () => find("contingent-tranche", "amazon-anthropic-2023");
    const SHEET = "Contingent tranche";
    // Low: the "up to" headline is its firm part; Base and High: the ceiling, all of it happens.
    const headline = [1.25e9, 4e9, 4e9];
    const firm = 1.25e9;
    const contingent = headline.map((h) => Math.max(0, h - firm));
    const amount = contingent.map((c) => Math.min(2.75e9, c));

    it("reads the headline from the switch and caps the option at the contingent money", () => {
      byLabel(w(), SHEET, "Headline commitment (as the scenario picks)").forEach((v, i) =>
        near(v, headline[i])
      );
      byLabel(w(), SHEET, "Firm part of the headline").forEach((v) => near(v, firm));
      expect(contingent).toEqual([0, 2.75e9, 2.75e9]);
      byLabel(w(), SHEET, "Contingent money in the headline").forEach((v, i) =>
        near(v, contingent[i])
      );
      const valued = byLabel(
        w(),
        SHEET,
        "Amount valued: the tranche, capped at the contingent money"
      );
      valued.forEach((v, i) => near(v, amount[i]));
      // The identities of the split hold in every case: headline = firm + contingent, no part
      // negative, the option no larger than the contingent money it is part of.
      headline.forEach((h, i) => {
        near(firm + contingent[i], h);
        expect(valued[i]).toBeLessThanOrEqual(contingent[i]);
        expect(Math.min(firm, contingent[i], valued[i])).toBeGreaterThanOrEqual(0);
      });
    });

    it("values the option money by the closed forms: nothing in the Low case", () => {
      // Even odds of exercise within the one-year window, discounted at 10% a year.
      const [p, r, T] = [0.5, number("discount_rate"), number("option_years")];
      expect([r, T]).toEqual([0.1, 1]);
      const weighted = amount.map((a) => (a * p) / (1 + r) ** T);
      expect(weighted[1]).toBeCloseTo(1.25e9, 0);
      byLabel(w(), SHEET, "Present value, probability-weighted").forEach((v, i) =>
        near(v, weighted[i])
      );
      // Hazard: λ = −ln(1 − p)/T = ln 2, paid on the trigger: A·λ/(λ + ln 1.1)·(1 − e^−(λ + ln 1.1)).
      const k = Math.log(2) + Math.log(1.1);
      const hazard = amount.map((a) => ((a * Math.log(2)) / k) * (1 - Math.exp(-k)));
      byLabel(w(), SHEET, "Present value, hazard rate").forEach((v, i) => near(v, hazard[i]));
      // The warrant: A ÷ (K + A) of the company; K the range's midpoint, 21.5B.
      byLabel(w(), SHEET, "Dilution factor").forEach((v, i) =>
        near(v, 21.5e9 / (21.5e9 + amount[i]))
      );
      const warrant = byLabel(w(), SHEET, "Value of the right (warrant)");
      expect(warrant[0]).toBe(0);
      expect(warrant[1]).toBeGreaterThan(0);
      near(warrant[2], warrant[1]);
    });
  });

  it("Amazon–OpenAI 2026: $15B firm + $35B contingent = $50B, with no band to switch", () => {
    const w = find("contingent-tranche", "amazon-openai-2026");
    const SHEET = "Contingent tranche";
    // "proposed" hedges whether the deal holds, not its size: one case, no switch.
    expect(w.switched).toBe(false);
    const [headline] = byLabel(w, SHEET, "Headline commitment");
    const [firm] = byLabel(w, SHEET, "Firm part of the headline");
    const [contingent] = byLabel(w, SHEET, "Contingent money in the headline");
    const [valued] = byLabel(
      w,
      SHEET,
      "Amount valued: the tranche, capped at the contingent money"
    );
    [headline, firm, contingent, valued].forEach((v, i) => near(v, [50e9, 15e9, 35e9, 35e9][i]));
    expect(byLabel(w, SHEET, "Firm part", 2)).toEqual([15e9]);
    const pv = 35e9 * (1 - 0.9 * 0.5) * 1.1 ** -3;
    near(byLabel(w, SHEET, "Risk-adjusted commitment", 3)[0], 15e9 + pv);
  });

  it("valuation ladder: a hedged single figure follows the switch, a range stays its two rows", () => {
    const band = number("roughly_band");
    // A range end read as post-money (the default for a basis not stated): pre = the end − the
    // $4B committed, post at close = pre + the $1.25B funded.
    const post = (end: number) => end - 4e9 + 1.25e9;
    for (const id of [
      "amazon-anthropic-2023",
      "anthropic-spark-round-2023",
      "anthropic-valuation-2026",
    ]) {
      const w = find("valuation-ladder", id);
      const SHEET = "Valuation ladder";
      const spark = "Anthropic's round led by Spark Capital (May 2023)";
      const amazon = "Amazon's commitment to Anthropic (late 2023)";
      byLabel(w, SHEET, `${spark}: valuation (as the scenario picks)`).forEach((v, i) =>
        near(v, 4.1e9 * [1 - band, 1, 1 + band][i])
      );
      expect(byLabel(w, SHEET, `${amazon}: new money committed`)).toEqual([4e9, 4e9, 4e9]);
      expect(byLabel(w, SHEET, `${amazon}: valuation, low end`)).toEqual([18e9, 18e9, 18e9]);
      expect(byLabel(w, SHEET, `${amazon}: valuation, high end`)).toEqual([25e9, 25e9, 25e9]);
      // The range's two ladder rows, read as post-money (the default for a basis not stated):
      for (const [end, value] of [
        ["low end", 18e9],
        ["high end", 25e9],
      ] as const)
        byLabel(w, SHEET, `${amazon} · ${end}`, 8).forEach((v) => near(v, post(value)));
    }
    // This deal's single headline: the low end in Low and Base, the high end in High.
    const w = find("valuation-ladder", "amazon-anthropic-2023");
    const picked = byLabel(
      w,
      "Valuation ladder",
      "Amazon's commitment to Anthropic (late 2023): post-money at close, the end the scenario picks"
    );
    [post(18e9), post(18e9), post(25e9)].forEach((v, i) => near(picked[i], v));
  });

  it("capital-flow web: flows, totals and the circulation rise with the switch; the share stays a share", () => {
    const uplift = number("over_uplift");
    for (const id of ["microsoft-openai-2023", "amazon-openai-2026", "amazon-anthropic-2026"]) {
      const w = find("capital-flow-network", id);
      const SHEET = "Capital-flow web";
      byLabel(w, SHEET, "Anthropic → Amazon (spend commitment) (as the scenario picks)").forEach(
        (v, i) => near(v, 100e9 * [1, 1, 1 + uplift][i])
      );
      // Sums of flows and the largest circulation (more capacity on a leg never lowers it):
      // Low ≤ Base ≤ High.
      const totals = [
        "Equity investments",
        "Commercial commitments (spend, compute purchases)",
        "Gross volume (both kinds)",
        "Circular volume, counted on every leg",
      ].map((text) => byLabel(w, SHEET, text));
      for (const [l, b, h] of totals) {
        expect(l).toBeLessThanOrEqual(b + slack(b));
        expect(b).toBeLessThanOrEqual(h + slack(h));
      }
      // A ratio of two rising sums is not monotone: it stays in [0, 1] and equals circular ÷ gross.
      byLabel(w, SHEET, "Circular share of the gross volume").forEach((share, i) => {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
        near(share, totals[3][i] / totals[2][i]);
      });
      // Each case's circular parts are a circulation: in = out at every party.
      const rows = w.plan.sheets[0].rows;
      const balanced = rows.flatMap((r, i) =>
        r[0]?.kind === "label" && r[8]?.kind === "formula" && /"yes","NO"/.test(r[8].formula)
          ? [i + 1]
          : []
      );
      expect(balanced.length).toBeGreaterThan(2);
      for (const get of cases(w))
        for (const row of balanced) expect(get(SHEET, row, 9)).toBe("yes");
    }
  });

  it("recomputes the circulation for each case where a banded flow is the bottleneck", () => {
    const w = find("capital-flow-network", "bottleneck");
    const SHEET = "Capital-flow web";
    const legs = [100e9, 100e9, 100e9 * (1 + number("over_uplift"))];
    byLabel(w, SHEET, "Circular volume, counted on every leg").forEach((v, i) =>
      near(v, 2 * legs[i])
    );
    byLabel(w, SHEET, "Gross volume (both kinds)").forEach((v, i) => near(v, 150e9 + legs[i]));
    const rows = w.plan.sheets[0].rows;
    const spendRow =
      rows.findIndex((r) => r[0]?.kind === "label" && r[0].text === "Anthropic" && r[7]) + 1;
    cases(w).forEach((get, i) => {
      near(get(SHEET, spendRow, 8), legs[i]);
      near(get(SHEET, spendRow, 9), 0);
    });
  });

  it("contagion: first-order hits are sums of flows, so they rise with the switch", () => {
    for (const id of ["microsoft-openai-2023", "amazon-openai-2026", "amazon-anthropic-2026"]) {
      const w = find("contagion", id);
      const rows = w.plan.sheets[0].rows;
      const top = rows.findIndex((r) => r[0]?.kind === "label" && r[0].text === "Party") + 2;
      let checked = 0;
      for (let row = top; rows[row - 1]?.[8]?.kind === "formula"; row++) {
        // Stake write-down, stranded (MIN), first-order revenue at risk, funding shortfall and
        // commitments made: sums of flows (the second order is left out: it is not a plain sum).
        for (const column of [4, 5, 6, 8, 9]) {
          const [l, b, h] = cases(w).map((get) => get("Contagion", row, column) as number);
          expect(l).toBeLessThanOrEqual(b + slack(b));
          expect(b).toBeLessThanOrEqual(h + slack(h));
          checked++;
        }
        // Stranded ÷ committed is a ratio: a share in every case.
        for (const get of cases(w)) {
          const share = get("Contagion", row, 10) as number;
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(1);
        }
      }
      expect(checked).toBeGreaterThan(10);
    }
  });

  it("league table: headline = firm + contingent in every case, and the Low case of up to $4B is its firm part", () => {
    for (const id of [
      "amazon-anthropic-2023",
      "microsoft-openai-2023",
      "amazon-openai-2026",
      "amazon-anthropic-2026",
    ]) {
      const w = find("league-table", id);
      const rows = w.plan.sheets[0].rows;
      const dealRows = rows.flatMap((r, i) =>
        r[0]?.kind === "label" &&
        deals.some((d) => r[0]?.kind === "label" && d.id === r[0].text) &&
        r[3]?.kind === "formula"
          ? [i + 1]
          : []
      );
      expect(dealRows.length).toBeGreaterThanOrEqual(4);
      for (const get of cases(w))
        for (const row of dealRows) {
          const [headline, firm, contingent] = [2, 3, 4].map(
            (c) => get("League table", row, c) as number
          );
          near(firm + contingent, headline);
          expect(Math.min(firm, contingent)).toBeGreaterThanOrEqual(0);
          const roundTrip = get("League table", row, 8);
          if (typeof roundTrip === "number") expect(roundTrip).toBeLessThanOrEqual(headline);
        }
      expect(byLabel(w, "League table", "amazon-anthropic-2023", 2)).toEqual([1.25e9, 4e9, 4e9]);
      expect(byLabel(w, "League table", "amazon-anthropic-2023", 4)).toEqual([0, 2.75e9, 2.75e9]);
    }
  });
});
