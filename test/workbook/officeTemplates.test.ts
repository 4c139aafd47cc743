/**
 * Every template in src/templates, for every built-in deal it applies to, through the Office.js
 * writer into a workbook that already has work in it: three syncs, the plan written as it says,
 * nothing that existed touched, and (for one deal per template) a failure at any operation
 * leaving the workbook exactly as it was.
 */
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { demoEntries, demoPlan } from "../../src/templates/demo";
import { TEMPLATES } from "../../src/templates/index";
import { SheetPlan } from "../../src/templates/plan";
import { InsertError, insertPlan, WriterCapabilities } from "../../src/workbook/officeWriter";
import { ExcelRecorder, SheetState } from "../support/excelRecorder";
import { expectSheetWritten } from "./officeFixtures";

const CAPS: WriterCapabilities = {
  notes: "notes",
  spill: true,
  pageBreaks: true,
  legendEntries: true,
};
const entries = demoEntries(BUILTIN_LIBRARY);
const firstPerTemplate = entries.filter(
  (e, i) => entries.findIndex((x) => x.template === e.template) === i
);

function existing(): ExcelRecorder {
  const rec = new ExcelRecorder();
  rec.addSheet("Sheet1", { A1: { value: "Existing" }, B2: { formula: "=1+1", value: 2 } });
  rec.addName("Existing_Name", "Sheet1", "B2");
  return rec;
}

it("covers every template (each applies to at least one built-in deal)", () => {
  expect(firstPerTemplate.map((e) => e.template.name).sort()).toEqual(
    TEMPLATES.map((t) => t.name).sort()
  );
});

describe.each(entries.map((e) => [e.file, e] as const))("%s", (_, entry) => {
  let plan: SheetPlan;
  const rec = existing();
  const before = rec.snapshot();
  let result: Awaited<ReturnType<typeof insertPlan>>;

  beforeAll(async () => {
    plan = demoPlan(entry, BUILTIN_LIBRARY);
    result = await insertPlan(rec.context, plan, { capabilities: CAPS });
  });

  it("inserts in three syncs, one write request under 5 MB", () => {
    expect(rec.syncs).toBe(3);
    expect(result.writeBatches).toBe(1);
    expect(Math.max(...rec.requests)).toBeLessThan(5 * 1024 * 1024);
  });

  it("writes what the plan says and touches nothing that existed", () => {
    result.sheets.forEach(({ actual }, i) =>
      expectSheetWritten(rec.sheetByName(actual) as SheetState, plan.sheets[i])
    );
    for (const sheet of before.sheets) {
      expect(rec.writesTo(sheet.id)).toEqual([]);
      expect(rec.sheetById(sheet.id)).toEqual(sheet);
    }
    for (const name of before.names) expect(rec.state.names).toContainEqual(name);
  });
});

describe.each(firstPerTemplate.map((e) => [e.template.name, e] as const))(
  "%s, failing at any operation",
  (_, entry) => {
    it("leaves the workbook exactly as it was", async () => {
      const plan = demoPlan(entry, BUILTIN_LIBRARY);
      const probe = existing();
      const start = probe.log.length;
      await insertPlan(probe.context, plan, { capabilities: CAPS });
      const operations = probe.log.length - start;
      for (let n = 1; n <= operations; n++) {
        const rec = existing();
        const before = rec.snapshot();
        rec.failAtOperation(n);
        const error = await insertPlan(rec.context, plan, { capabilities: CAPS }).catch(
          (e: unknown) => e
        );
        expect(error).toBeInstanceOf(InsertError);
        expect(rec.snapshot()).toEqual(before);
      }
    });
  }
);
