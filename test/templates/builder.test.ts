/** The plan builder: references land where cells land, formulas render per sheet, text stays text. */
import fc from "fast-check";
import {
  calc,
  fx,
  joinFormulas,
  label,
  numberLiteral,
  Span,
  WorkbookBuilder,
} from "../../src/templates/builder";
import { PlanCell } from "../../src/templates/plan";

const meta = { template: "test", title: "Test", dealId: "test-deal", asOf: "2026" };

describe("references", () => {
  it("point at the cells they were returned for", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 6 })), {
          maxLength: 12,
        }),
        (rows) => {
          const wb = new WorkbookBuilder(meta);
          const sheet = wb.sheet("S", [10]);
          const placed = rows.map(([start, count], r) => {
            const cells = Array.from({ length: count }, (_, c) => label(`${r}:${c}`));
            return { refs: sheet.rowFrom(start, ...cells), cells };
          });
          const plan = wb.build();
          return placed.every(({ refs, cells }) =>
            refs.every((ref, i) => plan.sheets[0].rows[ref.row - 1][ref.column - 1] === cells[i])
          );
        }
      )
    );
  });

  it("ahead() names the cell the next row will fill", () => {
    const wb = new WorkbookBuilder(meta);
    const sheet = wb.sheet("S", []);
    sheet.blank(2);
    const predicted = sheet.ahead(3);
    const [, , placed] = sheet.row(label("a"), label("b"), label("c"));
    expect(placed.address).toBe(predicted.address);
    expect(placed.address).toBe("C3");
  });
});

describe("formulas", () => {
  const wb = new WorkbookBuilder(meta);
  const inputs = wb.sheet("Vendor loop", []);
  wb.sheet("Summary", []);
  const [, a, b] = inputs.row(label("x"), label(1), label(2));
  const named = wb.define("Loop_Margin", b);

  it("render as addresses on their own sheet, with the sheet elsewhere, and by name when named", () => {
    expect(fx`${a}*${named}`.render("Vendor loop")).toEqual({
      text: "B1*Loop_Margin",
      link: false,
    });
    expect(fx`${a}*2`.render("Summary")).toEqual({ text: "'Vendor loop'!B1*2", link: true });
    // A name defined on another sheet is a link too (green).
    expect(fx`${named}`.render("Summary")).toEqual({ text: "Loop_Margin", link: true });
    expect(fx`SUM(${new Span(a, b)})`.render("Vendor loop").text).toBe("SUM(B1:C1)");
  });

  it("quote interpolated strings, so text never becomes formula text", () => {
    expect(fx`IF(${a}>0,${'say "=1+1"'},0)`.render("Vendor loop").text).toBe(
      'IF(B1>0,"say ""=1+1""",0)'
    );
  });

  it("write numbers in Excel's form", () => {
    expect(numberLiteral(0.35)).toBe("0.35");
    expect(numberLiteral(-2)).toBe("(-2)");
    expect(numberLiteral(1e21)).toBe("1E+21");
    expect(numberLiteral(1e-7)).toBe("1E-7");
    expect(() => numberLiteral(NaN)).toThrow(RangeError);
    expect(() => numberLiteral(Infinity)).toThrow(RangeError);
  });

  it("join into argument lists", () => {
    expect(joinFormulas([fx`${a}`, fx`${b}`], "+").render("Vendor loop").text).toBe("B1+C1");
  });
});

describe("plans", () => {
  it("record outputs, names, freeze and a print area over the used range", () => {
    const wb = new WorkbookBuilder(meta);
    const sheet = wb.sheet("S", [20, 10]);
    sheet.row(label("Title", "title"));
    sheet.freeze(1);
    const [, x] = sheet.row(label("x"), label(3));
    sheet.row(label("2x"), calc(fx`2*${x}`, { expected: 6 }), null, label("wide"));
    wb.define("X_Value", x);
    const plan = wb.build();
    const s = plan.sheets[0];
    expect(s.print).toMatchObject({ area: "A1:D3", landscape: true, fitToWidth: 1 });
    expect(s.freeze).toEqual({ rows: 1, columns: 0 });
    expect(s.columnWidths).toHaveLength(4);
    expect(s.rows.every((r) => r.length === 4)).toBe(true);
    expect(plan.names).toEqual([{ name: "X_Value", sheet: "S", address: "$B$2" }]);
    expect(s.rows[2][1]).toEqual({
      kind: "formula",
      formula: "2*B2",
      link: false,
      expected: 6,
    } satisfies PlanCell);
  });

  it("refuse duplicate or invalid sheets and names", () => {
    const wb = new WorkbookBuilder(meta);
    const sheet = wb.sheet("S", []);
    const [ref] = sheet.row(label(1));
    expect(() => wb.sheet("s", [])).toThrow(/already/);
    expect(() => wb.sheet("a/b", [])).toThrow(/not a valid sheet name/);
    wb.define("Good_Name", ref);
    expect(() => wb.define("good_name", ref)).toThrow(/already/);
    expect(() => wb.define("NPV1", ref)).toThrow(/not a valid defined name/);
  });
});
