/**
 * The host-free parts of prepare-for-sharing: which formulas call DEAL, the record that lets
 * Restore put them back, the provenance rows the writer leaves, and the rectangles bulk writes use.
 */
import fc from "fast-check";
import { callsDeal, tokenize } from "../../src/workbook/formulaTokens";
import {
  decodeShareRecord,
  encodeShareRecord,
  parseProvenance,
  PROVENANCE_HEADER,
  provenanceLink,
  provenanceRows,
  recordsFromPlan,
  rectangles,
  ShareRecord,
} from "../../src/workbook/share";
import { handPlan, vendorLoopPlan } from "./officeFixtures";

describe("which formulas call DEAL", () => {
  it.each([
    "=DEAL.VALUATION_STEP(100,25)",
    "=deal.valuation_step(100,25)",
    "=1+Deal.Tranche_Value(A1,B1,C1,D1)",
    '=IF(DEAL.VALUATION_STEP(100,25,80,2,"step_up")>1,"up","down")',
    "=SUM(DEAL.VENDOR_LOOP_SCHEDULE(A1:A3,B1:B3,0.3,0.1))",
    "=_xldudf_DEAL_VALUATION_STEP(100,25)",
    "=[2]!_xldudf_DEAL_VALUATION_STEP(100,25)",
    '=\'My sheet\'!A1+DEAL.FACT("x","y")',
  ])("%s does", (formula) => expect(callsDeal(formula)).toBe(true));

  it.each([
    '="DEAL.VALUATION_STEP(1,2)"',
    '=IF(A1,"DEAL.X(","")',
    "=MYDEAL.X(1)",
    "=NODEAL.X(1)",
    "=DEAL.RATE*2",
    "=DEAL!A1",
    "='DEAL.X('!A1",
    "=SUM(A1:A3)",
    "=1.5E+3",
  ])("%s does not", (formula) => expect(callsDeal(formula)).toBe(false));

  it("text inside a string literal never counts, whatever it says", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (inside, after) => {
        const literal = `"${inside.replace(/"/g, '""')}"`;
        expect(callsDeal(`=${literal}`)).toBe(false);
        expect(callsDeal(`=DEAL.X(1)&${literal}`)).toBe(true);
        // The lexer never loses or invents a character.
        const formula = `=${literal}&${after}`;
        expect(
          tokenize(formula)
            .map((t) => t.text)
            .join("")
        ).toBe(formula);
      })
    );
  });
});

describe("the share record", () => {
  const entry = fc.record(
    {
      sheet: fc.string({ minLength: 1, maxLength: 31 }).filter((s) => s.trim() !== ""),
      address: fc
        .tuple(fc.integer({ min: 1, max: 1000 }), fc.constantFrom("A", "B", "AA", "XFD"))
        .map(([r, c]) => `${c}${r}`),
      formula: fc.string().map((s) => `=${s}`),
      spill: fc.constantFrom("B2:C4", "D2:E6"),
    },
    { requiredKeys: ["sheet", "address", "formula"] }
  );
  const record = fc.record({
    asOf: fc.string({ minLength: 1 }),
    version: fc.constantFrom("0.1.0", "1.2.3"),
    sourcesSheet: fc.constantFrom("Sources & assumptions", "Sources & assumptions (2)"),
    entries: fc.array(entry, { maxLength: 20 }),
  });

  it("decodes to exactly what was encoded", () => {
    fc.assert(
      fc.property(record, (r: ShareRecord) =>
        expect(decodeShareRecord(encodeShareRecord(r))).toEqual(r)
      )
    );
  });

  it("is refused, not guessed at, when it is not a record", () => {
    expect(() => decodeShareRecord([["something else"]])).toThrow(/not a DealLoop sharing record/);
    const rows = encodeShareRecord({
      asOf: "x",
      version: "1",
      entries: [{ sheet: "S", address: "A1", formula: "=1" }],
    });
    rows[4][2] = "no equals sign";
    expect(() => decodeShareRecord(rows)).toThrow(/row 5 is not a complete entry/);
  });
});

describe("the provenance rows the writer leaves", () => {
  it.each([
    ["hand-built", handPlan],
    ["vendor-loop", vendorLoopPlan],
  ])("read back to the plan's own inputs and assumptions (%s)", (_, build) => {
    const plan = build();
    const rows = provenanceRows(plan);
    const formulas = [
      [...PROVENANCE_HEADER],
      ...rows.map((row) => [provenanceLink(row.sheet, row.address), ...row.fields]),
    ];
    const expected = recordsFromPlan(plan);
    const values = [[null], ...expected.map((r) => [r.value])];
    const formats = [["General"], ...rows.map((row) => [row.format ?? "General"])];
    expect(parseProvenance(formulas, values, formats)).toEqual(expected);
  });

  it("drop a row whose cell is gone (#REF!)", () => {
    const plan = vendorLoopPlan();
    const [row] = provenanceRows(plan);
    const formulas = [[...PROVENANCE_HEADER], ["=#REF!", ...row.fields]];
    expect(parseProvenance(formulas, [[null], [{ error: "#REF!" }]])).toEqual([]);
  });
});

describe("rectangles for bulk writes", () => {
  it("cover every cell exactly once and nothing else", () => {
    const cell = fc.record({
      row: fc.integer({ min: 1, max: 12 }),
      column: fc.integer({ min: 1, max: 8 }),
    });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 60 }), (cells) => {
        const wanted = new Set(cells.map((c) => `${c.row},${c.column}`));
        const covered: string[] = [];
        for (const r of rectangles(cells)) {
          for (let row = r.top; row <= r.bottom; row++) {
            for (let column = r.left; column <= r.right; column++) covered.push(`${row},${column}`);
          }
        }
        expect(covered.length).toBe(new Set(covered).size);
        expect(new Set(covered)).toEqual(wanted);
      })
    );
  });

  it("make one rectangle of a full block", () => {
    const block = [2, 3, 4].flatMap((row) => [5, 6].map((column) => ({ row, column })));
    expect(rectangles(block)).toEqual([{ top: 2, left: 5, bottom: 4, right: 6 }]);
  });
});
