/**
 * The Office.js writer against a recorder of the Excel API (test/support/excelRecorder.ts): what
 * it writes is compared with the plan itself, never with the writer's own output.
 */
import fc from "fast-check";
import { cellAddress } from "../../src/templates/a1";
import { PlanCell, SheetPlan } from "../../src/templates/plan";
import { InsertError, insertPlan, WriterCapabilities } from "../../src/workbook/officeWriter";
import { PROVENANCE_SHEET } from "../../src/workbook/share";
import { ExcelRecorder, SheetState } from "../support/excelRecorder";
import { expectSheetWritten, handPlan, PLANS, TRAPS, vendorLoopPlan } from "./officeFixtures";

const NOTES: WriterCapabilities = {
  notes: "notes",
  spill: true,
  pageBreaks: true,
  legendEntries: true,
};

/** A workbook that already has work in it, including a sheet and a name the plans also want. */
function busyWorkbook(): ExcelRecorder {
  const rec = new ExcelRecorder();
  rec.addSheet("Sheet1", {
    A1: { value: "Existing model" },
    B2: { value: 42, numberFormat: "0.0" },
    C3: { formula: "=B2*2", value: 84 },
  });
  rec.addSheet("Vendor loop", { A1: { value: "someone else's vendor loop" } });
  rec.addSheet("Vendor's inputs", { A1: { value: "taken" } });
  rec.addName("Spend", "Sheet1", "B2");
  rec.addName("Loop_Spend", "Sheet1", "B2");
  return rec;
}

describe.each(PLANS)("inserting the %s plan into an empty workbook", (_, build) => {
  const plan = build();
  const rec = new ExcelRecorder();
  rec.addSheet("Sheet1");
  let result: Awaited<ReturnType<typeof insertPlan>>;

  beforeAll(async () => {
    result = await insertPlan(rec.context, plan, { capabilities: NOTES });
  });

  it("takes three syncs: read, write, verify", () => {
    expect(rec.syncs).toBe(3);
    expect(result.syncs).toBe(3);
    expect(result.writeBatches).toBe(1);
  });

  it("writes values, formulas, formats, looks, notes, widths, panes and print setup as the plan says", () => {
    for (const planned of plan.sheets) {
      const sheet = rec.sheetByName(planned.name);
      expect(sheet).toBeDefined();
      expectSheetWritten(sheet as SheetState, planned);
    }
  });

  it("defines every named range where the plan puts it", () => {
    for (const n of plan.names) {
      const found = rec.state.names.find((x) => x.name === n.name);
      expect(found).toMatchObject({
        sheet: rec.sheetByName(n.sheet)?.id,
        address: n.address.replace(/\$/g, ""),
      });
    }
    expect(rec.state.names).toHaveLength(plan.names.length);
  });

  it("keeps the estimate of each request at or above what the recorder measured, and under 5 MB", () => {
    const write = rec.requests[1];
    expect(result.writeBytes).toBeGreaterThanOrEqual(write);
    expect(write).toBeLessThan(5 * 1024 * 1024);
  });

  it("activates the first new sheet and hides the provenance record", () => {
    expect(rec.state.active).toBe(rec.sheetByName(plan.sheets[0].name)?.id);
    const record = rec.sheetByName(PROVENANCE_SHEET);
    expect(record?.visibility).toBe("VeryHidden");
  });
});

describe("text that looks like something else stays text", () => {
  it("the recorder turns each trap into a formula, number, date, boolean or error when typed bare", async () => {
    const rec = new ExcelRecorder();
    const sheet = rec.addSheet("Sheet1");
    const ws = rec.context.workbook.worksheets.getItem("Sheet1");
    ws.getRangeByIndexes(0, 0, TRAPS.length, 1).values = TRAPS.map((t) => [t]);
    await rec.context.sync();
    TRAPS.forEach((trap, i) => {
      const cell = sheet.cells[cellAddress(i + 1, 1)];
      // Bare, none of them is kept as the text it was, which is what the writer must prevent.
      expect(cell.formula !== undefined || cell.value !== trap).toBe(true);
    });
  });

  it("the writer keeps every trap as its exact text", async () => {
    const rec = new ExcelRecorder();
    rec.addSheet("Sheet1");
    await insertPlan(rec.context, handPlan(), { capabilities: NOTES });
    const sheet = rec.sheetByName("Vendor's inputs") as SheetState;
    const texts = Object.values(sheet.cells).filter(
      (c) => typeof c.value === "string" && c.formula === undefined
    );
    for (const trap of TRAPS) expect(texts.some((c) => c.value === trap)).toBe(true);
    const counterparty = Object.values(sheet.cells).find((c) => c.value === "=cmd|' /C calc'!A0");
    expect(counterparty?.formula).toBeUndefined();
  });
});

describe("inserting into a workbook that already has work in it", () => {
  it("never touches an existing sheet or name, and names its own apart", async () => {
    const rec = busyWorkbook();
    const before = rec.snapshot();
    const result = await insertPlan(rec.context, handPlan(), { capabilities: NOTES });
    expect(result.sheets).toEqual([
      { planned: "Vendor's inputs", actual: "Vendor's inputs (2)" },
      { planned: "Model", actual: "Model" },
    ]);
    expect(result.names).toEqual([
      { planned: "Spend", actual: "Spend_2" },
      { planned: "Margin", actual: "Margin" },
    ]);
    for (const sheet of before.sheets) {
      expect(rec.writesTo(sheet.id)).toEqual([]);
      expect(rec.sheetById(sheet.id)).toEqual(sheet);
    }
    for (const name of before.names) expect(rec.state.names).toContainEqual(name);
    expect(rec.syncs).toBe(3);
  });

  it("points formulas at the renamed sheet and names, and leaves string literals alone", async () => {
    const rec = busyWorkbook();
    await insertPlan(rec.context, handPlan(), { capabilities: NOTES });
    const model = rec.sheetByName("Model") as SheetState;
    expect(model.cells.B2.formula).toBe("=Spend_2*Margin");
    expect(model.cells.B3.formula).toBe("=Spend_2/'Vendor''s inputs (2)'!B15");
    expect(model.cells.B4.formula).toBe('=IF(Spend_2>0,"Spend and Margin stay as text","")');
    const spend = rec.state.names.find((n) => n.name === "Spend_2");
    expect(spend).toMatchObject({
      sheet: rec.sheetByName("Vendor's inputs (2)")?.id,
      address: "B13",
    });
  });

  it("a second insert of the same template gets (2), a third (3)", async () => {
    const rec = new ExcelRecorder();
    rec.addSheet("Sheet1");
    for (let i = 0; i < 3; i++)
      await insertPlan(rec.context, vendorLoopPlan(), { capabilities: NOTES });
    const names = rec.state.sheets.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(["Vendor loop", "Vendor loop (2)", "Vendor loop (3)"])
    );
    expect(names).toEqual(
      expect.arrayContaining([
        PROVENANCE_SHEET,
        `${PROVENANCE_SHEET} (2)`,
        `${PROVENANCE_SHEET} (3)`,
      ])
    );
    expect(rec.state.names.map((n) => n.name)).toEqual(
      expect.arrayContaining(["Loop_Spend", "Loop_Spend_2", "Loop_Spend_3"])
    );
  });
});

describe("atomicity: a failure part-way leaves the workbook exactly as it was", () => {
  const count = async (plan: SheetPlan) => {
    const rec = busyWorkbook();
    const start = rec.log.length;
    await insertPlan(rec.context, plan, { capabilities: NOTES });
    return rec.log.length - start;
  };

  it.each(PLANS)("for the %s plan, failing at any one operation", async (_, build) => {
    const plan = build();
    const operations = await count(plan);
    expect(operations).toBeGreaterThan(10);
    for (let n = 1; n <= operations; n++) {
      const rec = busyWorkbook();
      const before = rec.snapshot();
      rec.failAtOperation(n);
      const error = await insertPlan(rec.context, plan, { capabilities: NOTES }).catch(
        (e: unknown) => e
      );
      expect(error).toBeInstanceOf(InsertError);
      expect((error as InsertError).rolledBack).toBe(true);
      expect((error as Error).message).toMatch(/injected failure/);
      expect((error as Error).message).toMatch(/The workbook is as it was/);
      expect(rec.snapshot()).toEqual(before);
    }
  });

  it.each([1, 2, 3])("failing at sync %i", async (n) => {
    const rec = busyWorkbook();
    const before = rec.snapshot();
    rec.failAtSync(n);
    await expect(
      insertPlan(rec.context, vendorLoopPlan(), { capabilities: NOTES })
    ).rejects.toThrow(InsertError);
    expect(rec.snapshot()).toEqual(before);
  });

  it("says so when the cleanup fails too, and names what may be left", async () => {
    // The write fails (sync 2); the cleanup reads what exists (sync 3) and its delete (sync 4) fails.
    const again = busyWorkbook();
    again.failAtKind("Range.setCellProperties");
    const original = again.sync.bind(again);
    let syncs = 0;
    again.sync = async () => {
      syncs += 1;
      if (syncs === 4)
        throw Object.assign(new Error("connection lost"), { code: "GeneralException" });
      return original();
    };
    const failed = (await insertPlan(again.context, vendorLoopPlan(), {
      capabilities: NOTES,
    }).catch((e: unknown) => e)) as InsertError;
    expect(failed.rolledBack).toBe(false);
    expect(failed.message).toMatch(/Removing what it had added also failed/);
    expect(failed.message).toMatch(/Vendor loop/);
  });

  it("refuses a plan it cannot write before touching anything", async () => {
    const rec = busyWorkbook();
    const before = rec.snapshot();
    const plan = handPlan();
    plan.sheets[1].rows[1][1] = { kind: "label", text: Number.NaN, role: "text" };
    await expect(insertPlan(rec.context, plan, { capabilities: NOTES })).rejects.toThrow(
      /refused before anything was written.*Model!B2/
    );
    expect(rec.snapshot()).toEqual(before);
    expect(rec.syncs).toBe(1);
  });
});

describe("a plan too big for one request", () => {
  /** 30,000 rows of text: about 10 MB of requests. */
  function giantPlan(): SheetPlan {
    const plan = handPlan();
    const row = (r: number): PlanCell[] =>
      [0, 1, 2, 3, 4].map((c) => ({
        kind: "label",
        role: "text",
        text: `row ${r} column ${c} ${"x".repeat(40)}`,
      }));
    plan.sheets[1].rows.push(...Array.from({ length: 30000 }, (_, r) => row(r)));
    return plan;
  }

  it("splits the write into batches under 5 MB each and still writes every cell", async () => {
    const rec = new ExcelRecorder();
    rec.addSheet("Sheet1");
    const plan = giantPlan();
    const result = await insertPlan(rec.context, plan, { capabilities: NOTES });
    expect(result.writeBatches).toBeGreaterThan(1);
    expect(rec.syncs).toBe(2 + result.writeBatches);
    for (const bytes of rec.requests) expect(bytes).toBeLessThan(5 * 1024 * 1024);
    const model = rec.sheetByName("Model") as SheetState;
    const last = plan.sheets[1].rows.length;
    expect(model.cells[cellAddress(last, 5)].value).toBe(`row 29999 column 4 ${"x".repeat(40)}`);
  });

  it("rolls back every batch when a later batch fails", async () => {
    const rec = busyWorkbook();
    const before = rec.snapshot();
    rec.failAtSync(3); // the second write batch
    await expect(insertPlan(rec.context, giantPlan(), { capabilities: NOTES })).rejects.toThrow(
      /batch 2 of/
    );
    expect(rec.snapshot()).toEqual(before);
  });
});

describe("notes", () => {
  it("fall back to threaded comments, or are left to the citation column", async () => {
    const withComments = new ExcelRecorder();
    withComments.addSheet("Sheet1");
    await insertPlan(withComments.context, vendorLoopPlan(), {
      capabilities: { notes: "comments", spill: false, pageBreaks: false, legendEntries: false },
    });
    const plan = vendorLoopPlan();
    const noted = plan.sheets[0].rows
      .flat()
      .filter((c) => c && (c.kind === "input" || c.kind === "assumption"));
    expect(withComments.state.comments.length).toBeGreaterThanOrEqual(noted.length);
    expect(Object.keys(withComments.sheetByName("Vendor loop")!.notes)).toHaveLength(0);

    const none = new ExcelRecorder();
    none.addSheet("Sheet1");
    await insertPlan(none.context, vendorLoopPlan(), {
      capabilities: { notes: "none", spill: false, pageBreaks: false, legendEntries: false },
    });
    expect(none.state.comments).toHaveLength(0);
    expect(Object.keys(none.sheetByName("Vendor loop")!.notes)).toHaveLength(0);
    expect(none.syncs).toBe(3);
  });
});

describe("unique names against any workbook", () => {
  it("never collides and is always a legal name", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.constantFrom(
            "Vendor loop",
            "VENDOR LOOP",
            "Vendor loop (2)",
            "Model",
            "model (2)",
            "Other"
          ),
          {
            maxLength: 5,
          }
        ),
        async (existing) => {
          const rec = new ExcelRecorder();
          for (const name of new Set(existing.map((n) => n.toLowerCase())))
            rec.addSheet(existing.find((e) => e.toLowerCase() === name) as string);
          if (rec.state.sheets.length === 0) rec.addSheet("Sheet1");
          const before = rec.state.sheets.map((s) => s.name.toLowerCase());
          const result = await insertPlan(rec.context, vendorLoopPlan(), { capabilities: NOTES });
          for (const { actual } of result.sheets)
            expect(before).not.toContain(actual.toLowerCase());
        }
      ),
      { numRuns: 30 }
    );
  });
});
