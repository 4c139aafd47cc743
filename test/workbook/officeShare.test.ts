/**
 * Prepare for sharing and Restore formulas through Office.js, against the Excel API recorder. The
 * workbook is built through the recorder's own API (so spills and typed input follow its model),
 * and the DEAL cells' values come from the engine through the custom-function adapter, as Excel
 * would show them.
 */
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { VALUATION_STEP } from "../../src/engine/valuation";
import { callDealFunction, CellResult } from "../../src/functions/adapter";
import { findTemplate } from "../../src/templates";
import { buildPlan } from "../../src/templates/template";
import { insertPlan, WriterCapabilities } from "../../src/workbook/officeWriter";
import { prepareForSharing, restoreFormulas, scanForSharing } from "../../src/workbook/officeShare";
import { SHARE_RECORD_SHEET, ShareError, ShareScan, SOURCES_SHEET } from "../../src/workbook/share";
import { CellState, ExcelRecorder, Scalar, SheetState } from "../support/excelRecorder";
import { handPlan, vendorLoopPlan } from "./officeFixtures";

const CAPS: WriterCapabilities = {
  notes: "notes",
  spill: true,
  pageBreaks: true,
  legendEntries: true,
};
const OPTIONS = { capabilities: CAPS, asOf: "2026-01-15T09:00:00Z", version: "9.9.9" };

/** The engine's result as Excel shows it: errors as error values. */
function shown(result: CellResult): Scalar | Scalar[][] {
  const one = (v: unknown): Scalar =>
    typeof v === "object" && v !== null && "error" in v
      ? { error: (v as { error: string }).error }
      : (v as Scalar);
  return Array.isArray(result) ? result.map((row) => row.map(one)) : one(result);
}

/** DEAL formulas the fixture types, with the engine's value for each. */
const DEAL = {
  "=DEAL.VALUATION_STEP(100,25)": shown(callDealFunction(VALUATION_STEP, [100, 25])),
  '=IF(deal.valuation_step(100,25,80,2,"step_up")>1,"up","down")': (() => {
    const stepUp = callDealFunction(VALUATION_STEP, [100, 25, 80, 2, "step_up"]) as number;
    return stepUp > 1 ? "up" : "down";
  })(),
  '=DEAL.VALUATION_STEP(100,25,,,"all")': shown(
    callDealFunction(VALUATION_STEP, [100, 25, null, null, "all"])
  ),
  "=DEAL.VALUATION_STEP(-1,25)": shown(callDealFunction(VALUATION_STEP, [-1, 25])),
} as Record<string, Scalar | Scalar[][]>;

/** A string literal's text removed, so a DEAL name inside quotes does not count (independent of the lexer). */
const callsDealHere = (formula: string) =>
  /(^|[^A-Za-z0-9_.])DEAL\.[A-Za-z_]+\(/i.test(formula.replace(/"([^"]|"")*"/g, '""'));

async function sharedWorkbook(): Promise<ExcelRecorder> {
  const rec = new ExcelRecorder();
  rec.evaluate = (formula) =>
    DEAL[formula] ??
    (formula === "=B2*2" ? 250 : formula === "=1/0" ? { error: "#DIV/0!" } : undefined);
  rec.addSheet("Sheet1", { A1: { value: "Cover" } });
  await insertPlan(rec.context, vendorLoopPlan(), { capabilities: CAPS });
  await insertPlan(rec.context, handPlan(), { capabilities: CAPS });
  rec.addSheet("Analysis");
  rec.addSheet("Notes");
  const ws = rec.context.workbook.worksheets.getItem("Analysis");
  ws.getRange("A1:A8").values = [
    ["Analysis"],
    ["Post-money"],
    ["Twice"],
    ["Direction"],
    ["Text"],
    ["All"],
    ["Broken"],
    ["Refused"],
  ];
  ws.getRange("B2:B8").numberFormat = [
    ["$#,##0"],
    ["$#,##0"],
    ["@"],
    ["General"],
    ["General"],
    ["0.0"],
    ["0.00"],
  ];
  ws.getRange("B2:B8").formulas = [
    ["=DEAL.VALUATION_STEP(100,25)"],
    ["=B2*2"],
    ['=IF(deal.valuation_step(100,25,80,2,"step_up")>1,"up","down")'],
    ['="DEAL.VALUATION_STEP(1,2) is only text"'],
    [null],
    ["=1/0"],
    ["=DEAL.VALUATION_STEP(-1,25)"],
  ];
  ws.getRange("D2").formulas = [['=DEAL.VALUATION_STEP(100,25,,,"all")']];
  ws.getRange("B2:B2").setCellProperties([
    [{ format: { font: { bold: true, color: "#0000FF" }, fill: { color: "#FFF2CC" } } }],
  ]);
  rec.context.workbook.worksheets.getItem("Notes").getRange("A1").values = [
    ["'=DEAL.VALUATION_STEP(1,2) typed as text"],
  ];
  await rec.context.sync();
  return rec;
}

const sheetsOf = (rec: ExcelRecorder) => rec.state.sheets.map((s) => s.name);

describe("scanning a workbook for sharing", () => {
  let rec: ExcelRecorder;
  let scan: ShareScan;

  beforeAll(async () => {
    rec = await sharedWorkbook();
    const before = rec.snapshot();
    const writes = rec.log.filter((o) => o.write).length;
    scan = await scanForSharing(rec.context, OPTIONS);
    expect(rec.log.filter((o) => o.write).length).toBe(writes);
    expect(rec.snapshot()).toEqual(before);
  });

  it("finds every DEAL call, in any case and inside larger formulas, but not inside a string or in text", () => {
    expect(scan.deal.map((c) => `${c.sheet}!${c.address}`).sort()).toEqual([
      "Analysis!B2",
      "Analysis!B4",
      "Analysis!B8",
      "Analysis!D2",
    ]);
  });

  it("finds the spill range of a DEAL function that returns a table", () => {
    const rows = (DEAL['=DEAL.VALUATION_STEP(100,25,,,"all")'] as Scalar[][]).length;
    expect(scan.deal.find((c) => c.address === "D2")?.spill).toBe(`D2:E${1 + rows}`);
  });

  it("lists every error cell with its address, on every sheet", () => {
    const errors = scan.errors.map((e) => `${e.sheet}!${e.address} ${e.error}`);
    expect(errors).toContain("Analysis!B7 #DIV/0!");
    expect(errors).toContain("Analysis!B8 #VALUE!");
    // VALUATION_STEP "all" without a prior round: step_up and implied_cagr are #N/A (rows 5 and 6 of the spill).
    expect(errors).toContain("Analysis!E5 #N/A");
    expect(errors).toContain("Analysis!E6 #N/A");
    // The hand-built plan's missing fact is =NA(): its cell and the formula that reads it would show #N/A in Excel.
    expect(scan.errors.every((e) => !e.sheet.startsWith("_DealLoop"))).toBe(true);
  });

  it("reads the sources DealLoop recorded when it inserted its sheets", () => {
    const facts = scan.sources.filter((s) => s.kind === "fact").map((s) => s.label);
    expect(facts).toEqual(
      expect.arrayContaining([
        "Spend commitment",
        "Initial tranche",
        "Second tranche",
        "Counterparty",
      ])
    );
    const margin = scan.sources.find((s) => s.key === "vendor_margin");
    expect(margin).toMatchObject({
      kind: "assumption",
      sheet: "Vendor loop",
      rationale: "A typical cloud gross margin.",
    });
    const spend = scan.sources.find(
      (s) => s.label === "Spend commitment" && s.sheet === "Vendor loop"
    );
    expect(spend?.source).toMatchObject({
      document: "002_amazon_anthropic.txt",
      section: "Spend",
      status: "announced",
    });
  });
});

describe("prepare for sharing, then restore", () => {
  let rec: ExcelRecorder;
  let before: ReturnType<ExcelRecorder["snapshot"]>;
  let prepared: Awaited<ReturnType<typeof prepareForSharing>>;
  let afterPrepare: ReturnType<ExcelRecorder["snapshot"]>;
  let restoreSyncs = 0;

  beforeAll(async () => {
    rec = await sharedWorkbook();
    before = rec.snapshot();
    const start = rec.syncs;
    prepared = await prepareForSharing(rec.context, OPTIONS);
    expect(prepared.syncs).toBe(rec.syncs - start);
    afterPrepare = rec.snapshot();
    const restored = await restoreFormulas(rec.context, OPTIONS);
    restoreSyncs = restored.syncs;
  });

  it("leaves no DEAL call in any formula a reader sees", () => {
    for (const sheet of afterPrepare.sheets.filter((s) => s.visibility === "Visible")) {
      for (const cell of Object.values(sheet.cells))
        if (cell.formula) expect(callsDealHere(cell.formula)).toBe(false);
    }
  });

  it("keeps every value, number format and style; only the DEAL formulas and their spill links go", () => {
    for (const original of before.sheets) {
      const now = afterPrepare.sheets.find((s) => s.id === original.id) as SheetState;
      for (const [address, cell] of Object.entries(original.cells)) {
        const frozen = now.cells[address];
        expect({ address, value: frozen.value }).toEqual({ address, value: cell.value });
        expect(frozen.numberFormat).toEqual(cell.numberFormat);
        expect(frozen.format).toEqual(cell.format);
        const wasDeal = cell.formula !== undefined && callsDealHere(cell.formula);
        const strip = ({ formula, spill, spilledFrom, quotePrefix, ...rest }: CellState) => rest;
        if (wasDeal || cell.spilledFrom) expect(strip(frozen)).toEqual(strip(cell));
        else expect(frozen).toEqual(cell);
      }
      expect(Object.keys(now.cells).sort()).toEqual(Object.keys(original.cells).sort());
    }
  });

  it("records the original formulas in a very hidden _DealLoop sheet", () => {
    const record = afterPrepare.sheets.find((s) => s.name === SHARE_RECORD_SHEET) as SheetState;
    expect(record.visibility).toBe("VeryHidden");
    const texts = Object.values(record.cells).map((c) => c.value);
    expect(texts).toContain("=DEAL.VALUATION_STEP(100,25)");
    expect(texts).toContain('=DEAL.VALUATION_STEP(100,25,,,"all")');
    expect(Object.values(record.cells).every((c) => c.formula === undefined)).toBe(true);
  });

  it("adds a Sources & assumptions sheet with the facts, assumptions, errors, as-of stamp and version", () => {
    expect(prepared.status).toBe("prepared");
    const sources = afterPrepare.sheets.find((s) => s.name === SOURCES_SHEET) as SheetState;
    const texts = Object.values(sources.cells).map((c) => c.value);
    for (const expected of [
      "Spend commitment",
      "002_amazon_anthropic.txt",
      "Vendor margin",
      "A typical cloud gross margin.",
      "Analysis!B7",
      "#DIV/0!",
    ]) {
      expect(texts).toContain(expected);
    }
    expect(
      texts.some(
        (t) =>
          typeof t === "string" &&
          t.includes("2026-01-15T09:00:00Z") &&
          t.includes("DealLoop 9.9.9")
      )
    ).toBe(true);
    // Each value is a link to the cell that holds it, showing its current value.
    expect(texts).toContain(4e9);
    // A sourced value that looks like a formula is listed as text, through its link.
    expect(texts).toContain("=cmd|' /C calc'!A0");
    for (const cell of Object.values(sources.cells)) {
      if (cell.formula)
        expect(cell.formula).toMatch(/^=('(?:[^']|'')+'|[A-Za-z_.]+)!\$?[A-Z]+\$?\d+$/);
    }
  });

  it("restore gives back exactly the workbook as it was: formulas, values, spills, formats, sheets", () => {
    expect(rec.snapshot()).toEqual(before);
    expect(sheetsOf(rec)).not.toContain(SHARE_RECORD_SHEET);
  });

  it("uses a fixed, small number of syncs", () => {
    // prepare: sheets, used ranges, cells, spills, write; restore: sheets, used ranges, record, cells, write.
    expect(prepared.syncs).toBe(5);
    expect(restoreSyncs).toBe(5);
  });
});

describe("prepare refuses nothing silently", () => {
  it("refuses a workbook prepared already, changing nothing", async () => {
    const rec = await sharedWorkbook();
    await prepareForSharing(rec.context, OPTIONS);
    const state = rec.snapshot();
    await expect(prepareForSharing(rec.context, OPTIONS)).rejects.toThrow(
      /prepared for sharing already.*Restore formulas first/
    );
    expect(rec.snapshot()).toEqual(state);
  });

  it("refuses while a DEAL cell is still calculating, naming it", async () => {
    const rec = await sharedWorkbook();
    rec.sheetByName("Analysis")!.cells.B2.value = { error: "#BUSY!" };
    const state = rec.snapshot();
    await expect(prepareForSharing(rec.context, OPTIONS)).rejects.toThrow(
      /still calculating \(Analysis!B2\)/
    );
    expect(rec.snapshot()).toEqual(state);
  });

  it("shows the scan before any change and stops when the user says no", async () => {
    const rec = await sharedWorkbook();
    const state = rec.snapshot();
    let seen: ShareScan | undefined;
    const result = await prepareForSharing(rec.context, {
      ...OPTIONS,
      confirm: (scan) => ((seen = scan), false),
    });
    expect(result.status).toBe("cancelled");
    expect(seen?.errors.length).toBeGreaterThan(0);
    expect(rec.snapshot()).toEqual(state);
  });

  it("undoes everything when a write fails part-way, at any operation", async () => {
    const probe = await sharedWorkbook();
    const start = probe.log.length;
    await prepareForSharing(probe.context, OPTIONS);
    const operations = probe.log.length - start;
    const firstWrite = probe.log.slice(start).findIndex((o) => o.write) + 1;
    for (let n = firstWrite; n <= operations; n++) {
      const rec = await sharedWorkbook();
      const state = rec.snapshot();
      rec.failAtOperation(n);
      const error = (await prepareForSharing(rec.context, OPTIONS).catch(
        (e: unknown) => e
      )) as ShareError;
      expect(error).toBeInstanceOf(ShareError);
      expect(error.changed).toBe(false);
      expect(error.message).toMatch(/Every change was undone/);
      expect(rec.snapshot()).toEqual(state);
    }
  });
});

describe("restore", () => {
  it("leaves alone a cell the user has since given a formula of their own, and reports it", async () => {
    const rec = await sharedWorkbook();
    await prepareForSharing(rec.context, OPTIONS);
    rec.sheetByName("Analysis")!.cells.B2 = { formula: "=130", value: 130 };
    const result = await restoreFormulas(rec.context, OPTIONS);
    expect(result.conflicts).toEqual([
      { sheet: "Analysis", address: "B2", found: "=130", recorded: "=DEAL.VALUATION_STEP(100,25)" },
    ]);
    expect(rec.sheetByName("Analysis")!.cells.B2.formula).toBe("=130");
    expect(rec.sheetByName("Analysis")!.cells.B4.formula).toBe(
      '=IF(deal.valuation_step(100,25,80,2,"step_up")>1,"up","down")'
    );
  });

  it("says there is nothing to restore in a workbook never prepared", async () => {
    const rec = await sharedWorkbook();
    await expect(restoreFormulas(rec.context, OPTIONS)).rejects.toThrow(/nothing to restore/);
  });
});

describe("a workbook too large to read in one response", () => {
  it("reads in smaller blocks when Excel refuses a response as too large, and still round-trips", async () => {
    const rec = await sharedWorkbook();
    const ws = rec.context.workbook.worksheets.getItem("Notes");
    const rows = 4000;
    ws.getRangeByIndexes(1, 0, rows, 3).values = Array.from({ length: rows }, (_, r) => [
      `row ${r} ${"y".repeat(30)}`,
      r,
      r * 2,
    ]);
    ws.getRangeByIndexes(1, 3, rows, 1).formulas = Array.from({ length: rows }, () => [
      "=DEAL.VALUATION_STEP(100,25)",
    ]);
    await rec.context.sync();
    const before = rec.snapshot();
    rec.payloadLimit = 200_000;
    const syncs = rec.syncs;
    const result = await prepareForSharing(rec.context, {
      ...OPTIONS,
      cellsPerRead: 1_000_000,
      budget: 150_000,
    });
    expect(result.status === "prepared" && result.scan.deal.length).toBe(4 + rows);
    expect(rec.syncs - syncs).toBeGreaterThan(5);
    for (const bytes of rec.requests.slice(syncs))
      expect(bytes).toBeLessThanOrEqual(rec.payloadLimit);
    const notes = rec.sheetByName("Notes") as SheetState;
    expect(notes.cells.D4001).toEqual({ value: 125 });
    await restoreFormulas(rec.context, { ...OPTIONS, cellsPerRead: 1_000_000, budget: 150_000 });
    expect(rec.snapshot()).toEqual(before);
  });
});

describe("the capital-flow web's live circular parts", () => {
  const template = findTemplate("capital-flow-network")!;
  const plan = buildPlan(template, {
    deal: BUILTIN_LIBRARY.find((d) => d.id === "amazon-anthropic-2026")!,
    deals: BUILTIN_LIBRARY,
    overrides: {},
  });
  const sheetName = plan.sheets[0].name;
  const PARTS = '=DEAL.CIRCULARITY(CHOOSE({1,2,3},Flow_From,Flow_To,Flow_Amount),"by_flow")';
  const flows = plan.sheets[0].rows.flat().filter((cell) => cell?.kind === "addin").length;

  /** The web inserted where the parts spill values of their own (1001, 1002, …), as Excel would compute some. */
  async function inserted(): Promise<ExcelRecorder> {
    const rec = new ExcelRecorder();
    rec.evaluate = (formula) =>
      formula === PARTS ? Array.from({ length: flows }, (_, i) => [1001 + i]) : undefined;
    rec.addSheet("Sheet1");
    await insertPlan(rec.context, plan, { capabilities: CAPS });
    return rec;
  }

  /** The anchor and the cells its spill fills, in order. */
  const partsOf = (sheet: SheetState) => {
    const [anchor] = Object.entries(sheet.cells).filter(([, cell]) => cell.formula === PARTS);
    const spilled = Object.entries(sheet.cells).filter(([, c]) => c.spilledFrom === anchor[0]);
    return [anchor, ...spilled];
  };

  it("goes in as one live DEAL formula spilling down the column, under a header that says so", async () => {
    const sheet = (await inserted()).sheetByName(sheetName) as SheetState;
    expect(flows).toBeGreaterThan(1);
    const parts = partsOf(sheet);
    expect(parts.map(([, cell]) => cell.value)).toEqual(
      Array.from({ length: flows }, (_, i) => 1001 + i)
    );
    expect(parts[0][1].spill).toBe(`${parts[0][0]}:${parts[parts.length - 1][0]}`);
    expect(
      Object.values(sheet.cells).some((c) => c.value === "Circular part (live, DEAL.CIRCULARITY)")
    ).toBe(true);
    expect(Object.values(sheet.cells).some((c) => /computed \d{4}/.test(String(c.value)))).toBe(
      true // the cycles are values, dated as they are in a file
    );
  });

  it("are frozen to the values they show by prepare-for-sharing, the native sums kept, and restored", async () => {
    const rec = await inserted();
    const before = rec.snapshot();
    const live = partsOf(rec.sheetByName(sheetName) as SheetState);
    await prepareForSharing(rec.context, OPTIONS);
    const shared = rec.sheetByName(sheetName) as SheetState;
    for (const [address, cell] of live) {
      expect(shared.cells[address].formula).toBeUndefined();
      expect(shared.cells[address].value).toBe(cell.value);
    }
    const sums = Object.values(shared.cells).filter((c) => c.formula?.includes("Flow_Circular"));
    expect(sums.length).toBeGreaterThan(0);
    await restoreFormulas(rec.context, OPTIONS);
    expect(rec.snapshot().sheets.find((s) => s.name === sheetName)).toEqual(
      before.sheets.find((s) => s.name === sheetName)
    );
  });
});
