/** The plan preview: Excel's column letters, and a small hand-made sheet shown as its writer would show it. */
import { FORMATS, PlannedSheet, PlanCell } from "../../src/templates/plan";
import { columnLetter, previewGrid } from "../../src/taskpane/preview";
import { workbookFileName } from "../../src/taskpane/download";

test.each([
  [0, "A"],
  [25, "Z"],
  [26, "AA"],
  [51, "AZ"],
  [701, "ZZ"],
  [702, "AAA"],
  [16383, "XFD"], // Excel's last column
])("column %p is %s", (index, letters) => expect(columnLetter(index)).toBe(letters));

const source = { document: "doc.txt", section: "s", status: "announced" };
const cells: (PlanCell | null)[][] = [
  [{ kind: "label", text: "Title", role: "title" }, null, null, null],
  [
    {
      kind: "input",
      label: "Spend",
      value: 100e9,
      format: FORMATS.usdBillions,
      source,
      note: "doc.txt, s",
    },
    {
      kind: "assumption",
      key: "m",
      label: "Margin",
      value: 0.25,
      format: FORMATS.percent,
      rationale: "r",
      missing: false,
      note: "why",
    },
    {
      kind: "assumption",
      key: "x",
      label: "X",
      value: null,
      rationale: "r",
      missing: true,
      note: "",
    },
    null,
  ],
  [
    { kind: "formula", formula: "A2*B2", format: FORMATS.usdBillions, link: false, expected: 25e9 },
    { kind: "formula", formula: "SUM(A2:B2)", link: false },
    { kind: "input", label: "Spend", value: 25e9, format: FORMATS.usdBillions, source, note: "" },
    null,
  ],
  [null, null, null, null],
];
const sheet: PlannedSheet = {
  name: "Loop",
  rows: cells,
  columnWidths: [10, 10, 10, 10],
  freeze: { rows: 0, columns: 0 },
  print: { area: "A1:C3", landscape: true, fitToWidth: 1 },
};

describe("previewGrid", () => {
  test("trailing empty rows and columns are dropped", () => {
    const grid = previewGrid(sheet);
    expect(grid.columns).toEqual(["A", "B", "C"]);
    expect(grid.rows).toHaveLength(3);
    expect(grid.hiddenRows).toBe(0);
    expect(grid.hiddenColumns).toBe(0);
  });
  test("values in their formats; outputs show the engine's value, other formulas their text", () => {
    const text = previewGrid(sheet).rows.map((row) => row.map((cell) => cell.text));
    expect(text).toEqual([
      ["Title", "", ""],
      ["$100.0B", "25.0%", "#N/A (to fill)"],
      ["$25.0B", "=SUM(A2:B2)", "$25.0B"],
    ]);
  });
  test("citations and rationales come along as notes", () => {
    const [, inputs] = previewGrid(sheet).rows;
    expect(inputs.map((cell) => cell.note)).toEqual(["doc.txt, s", "why", undefined]);
  });
  test("a grid smaller than the sheet says how much it leaves out", () => {
    const grid = previewGrid(sheet, 2, 1);
    expect(grid.rows.map((row) => row.length)).toEqual([1, 1]);
    expect(grid.hiddenRows).toBe(1);
    expect(grid.hiddenColumns).toBe(2);
  });
});

test("an add-in cell shows its value in its format, as a downloaded file would", () => {
  const addin: PlanCell = {
    kind: "addin",
    formula: 'DEAL.CIRCULARITY(A1:C4,"by_flow")',
    value: 13e9,
    format: FORMATS.usdBillions,
    link: false,
  };
  const grid = previewGrid({ ...sheet, rows: [[addin]] });
  expect(grid.rows[0][0]).toEqual({ text: "$13.0B", kind: "addin" });
});

test("download names: deal and template, safe on every file system", () => {
  const plan = { dealId: "amazon-anthropic-2026", template: "vendor-loop" };
  expect(workbookFileName({ ...plan } as never)).toBe("amazon-anthropic-2026-vendor-loop.xlsx");
  expect(workbookFileName({ dealId: "a/b", template: "ic-summary+vendor-loop" } as never)).toBe(
    "a-b-ic-summary-vendor-loop.xlsx"
  );
});
