/**
 * The IC memo's bands, band check and stress rows as LibreOffice recalculates them: each Low and
 * High case shown beside a figure contains the figure LibreOffice computes; the check says
 * "changed" once an input changes after the cases were computed; each stress row equals the
 * stress table it links to. Without LibreOffice the suite is skipped loudly (a failure on CI).
 */
import ExcelJS from "exceljs";
import { BUILTIN_LIBRARY, findDeal } from "../../src/data/library";
import { MODEL_TEMPLATES } from "../../src/templates";
import { buildSummaryPlan, SUMMARY_SHEET } from "../../src/templates/icSummary";
import { PlanCell, SheetPlan } from "../../src/templates/plan";
import {
  errorCells,
  describeWithLibreOffice,
  recalculatePlans,
  RecalculatedValue,
  resultOf,
} from "../support/libreoffice";

const DEALS = ["amazon-anthropic-2026", "amazon-openai-2026", "amazon-anthropic-2023"];
const LOOP_DEAL = "amazon-anthropic-2026";
const LOOP_SHEET = "Vendor loop";

function packPlan(id: string): SheetPlan {
  const deal = findDeal(BUILTIN_LIBRARY, id)!;
  const templates = MODEL_TEMPLATES.filter((t) => t.applicability(deal, BUILTIN_LIBRARY).applies);
  return buildSummaryPlan({ deal, deals: BUILTIN_LIBRARY, overrides: {} }, templates);
}

/** The plan with assumption cells (by key) set to new values, as a user would type them after writing. */
function withInputs(plan: SheetPlan, values: Record<string, number | string>): SheetPlan {
  const set = (cell: PlanCell | null): PlanCell | null =>
    cell?.kind === "assumption" && cell.key in values ? { ...cell, value: values[cell.key] } : cell;
  return {
    ...plan,
    sheets: plan.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => r.map(set)) })),
  };
}

/** The first row whose column A reads `text`. */
function rowStarting(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (!found && String(resultOf(row.getCell(1)) ?? "").startsWith(text)) found = row;
  });
  if (!found) throw new Error(`no row "${text}" on ${sheet.name}`);
  return found;
}

/** The memo's figures with their Low and High cases: every row under a "Low case" header. */
function bands(memo: ExcelJS.Worksheet) {
  const found: {
    figure: string;
    value: RecalculatedValue;
    low: RecalculatedValue;
    high: RecalculatedValue;
  }[] = [];
  let inTable = false;
  memo.eachRow({ includeEmpty: true }, (row) => {
    const first = resultOf(row.getCell(1));
    if (resultOf(row.getCell(3)) === "Low case") inTable = true;
    else if (first === null || first === undefined) inTable = false;
    else if (inTable)
      found.push({
        figure: String(first),
        value: resultOf(row.getCell(2)),
        low: resultOf(row.getCell(3)),
        high: resultOf(row.getCell(4)),
      });
  });
  return found;
}

describeWithLibreOffice("the IC memo recalculated by LibreOffice", (soffice) => {
  describe("the IC memo recalculated by LibreOffice", () => {
    let books: Map<string, ExcelJS.Workbook>;
    const changed = `${LOOP_DEAL}-changed.xlsx`;
    beforeAll(async () => {
      const plans = new Map(DEALS.map((id) => [`${id}.xlsx`, packPlan(id)]));
      // A user changes the margin and sets a failure year after the cases were computed.
      plans.set(
        changed,
        withInputs(packPlan(LOOP_DEAL), {
          vendor_margin_before_depreciation: 0.2,
          failure_year: 2028,
        })
      );
      books = await recalculatePlans(soffice, plans, "dealloop-memo-");
    }, 180_000);

    test("no error cell on any memo", () => {
      const memos = new Map(
        [...books].map(([file, book]) => {
          const only = new ExcelJS.Workbook();
          const memo = book.getWorksheet(SUMMARY_SHEET)!;
          const copy = only.addWorksheet(SUMMARY_SHEET);
          memo.eachRow((row, r) =>
            row.eachCell((cell, c) => (copy.getCell(r, c).value = cell.value))
          );
          return [file, only];
        })
      );
      expect(errorCells(memos)).toEqual([]);
    });

    test.each(DEALS)(
      "%s: each figure's Low and High cases contain its recalculated value",
      (id) => {
        const rows = bands(books.get(`${id}.xlsx`)!.getWorksheet(SUMMARY_SHEET)!);
        expect(rows.length).toBeGreaterThan(0);
        const numeric = rows.filter((r) =>
          [r.value, r.low, r.high].every((v) => typeof v === "number")
        );
        const outside = numeric.filter(({ value, low, high }) => {
          const [a, b] = [low as number, high as number].sort((x, y) => x - y);
          const slack = 1e-9 * Math.max(1, Math.abs(value as number));
          return (value as number) < a - slack || (value as number) > b + slack;
        });
        expect(outside).toEqual([]);
        // A figure the switch does not move says so, never a band of three equal numbers; every
        // other case is a number or the figure's own words (a payback "not paid back").
        expect(numeric.filter((r) => r.low === r.high && r.low === r.value)).toEqual([]);
      }
    );

    test("the vendor loop's figures have a real band from the Scenario switch (the spend is hedged: over $100B)", () => {
      const rows = bands(books.get(`${LOOP_DEAL}.xlsx`)!.getWorksheet(SUMMARY_SHEET)!);
      const npv = rows.find((r) => r.figure.startsWith("NPV of this deal's decision"))!;
      expect(npv.high).toBeGreaterThan(npv.value as number);
    });

    test("the band check says current as written, and changed once an input changes", () => {
      const check = (file: string) =>
        String(
          resultOf(
            rowStarting(
              books.get(file)!.getWorksheet(SUMMARY_SHEET)!,
              "Low and High cases shown as values"
            ).getCell(5)
          )
        );
      expect(check(`${LOOP_DEAL}.xlsx`)).toMatch(/unchanged/);
      expect(check(changed)).toMatch(/^inputs changed since/);
    });

    test.each([`${LOOP_DEAL}.xlsx`, changed])(
      "%s: the stress rows equal the stress tables they link to",
      (file) => {
        const book = books.get(file)!;
        const memo = book.getWorksheet(SUMMARY_SHEET)!;
        const loop = book.getWorksheet(LOOP_SHEET)!;
        // The failure row's label is a formula: it says whether a failure year is set.
        const failureRow =
          file === changed
            ? "NPV if the customer fails from the year shown"
            : "Customer failure: not run (no failure year set)";
        const pairs: [string, string][] = [
          [failureRow, "The customer fails in the year above"],
          [
            "Margin compressed, only the incremental spend",
            "All three together, the stake written off",
          ],
        ];
        for (const [memoRow, loopRow] of pairs)
          for (const column of [2, 3])
            expect([memoRow, column, resultOf(rowStarting(memo, memoRow).getCell(column))]).toEqual(
              [memoRow, column, resultOf(rowStarting(loop, loopRow).getCell(column))]
            );
        // The break-even margin: where the grid's NPV, all the commitment spent, crosses zero.
        const margin = resultOf(
          rowStarting(memo, "Break-even vendor margin, all the commitment spent").getCell(2)
        ) as number;
        const cost = resultOf(
          rowStarting(
            loop,
            "PV of this deal's investment and the capex after its tax deduction, less the stake"
          ).getCell(2)
        ) as number;
        const spend = resultOf(
          rowStarting(loop, "PV of the committed spend after tax").getCell(2)
        ) as number;
        expect(Math.abs(margin * 1 * spend - cost)).toBeLessThan(1e-6 * Math.abs(cost));
      }
    );

    test("with a failure year set, the failure row moves away from no stress", () => {
      const memo = books.get(changed)!.getWorksheet(SUMMARY_SHEET)!;
      const row = rowStarting(memo, "NPV if the customer fails from the year shown");
      expect(resultOf(row.getCell(4))).toBe(2028);
      // Its change from no stress is not zero (its sign is the deal's: stopping a loss-making loop gains).
      expect(Math.abs(resultOf(row.getCell(3)) as number)).toBeGreaterThan(1e6);
    });
  });
});
