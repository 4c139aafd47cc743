/** The print fit: pages wide, word-wrap line counts, page boundaries and which text must wrap. */
import { label } from "../../src/templates/builder";
import {
  headerWordWidths,
  headingBreaks,
  PAGE_WIDTH_BUDGET,
  pageEnds,
  pagesWide,
  wrapOverflowingText,
  wrappedLineCount,
} from "../../src/templates/printFit";

describe("pagesWide", () => {
  it("is one page up to the budget and one more for each budget past it", () => {
    expect(pagesWide(10)).toBe(1);
    expect(pagesWide(PAGE_WIDTH_BUDGET)).toBe(1);
    expect(pagesWide(PAGE_WIDTH_BUDGET + 1)).toBe(2);
    expect(pagesWide(2 * PAGE_WIDTH_BUDGET + 1)).toBe(3);
  });
});

describe("wrappedLineCount", () => {
  it("counts greedy word wrap by hand", () => {
    // 9 characters a line (width 10 less the padding): "aaaa bbbb" | "cc dddd" | "eeee".
    expect(wrappedLineCount("aaaa bbbb cc dddd eeee", 10)).toBe(3);
    expect(wrappedLineCount("aaaa bbbb cc dddd e", 10)).toBe(2);
    expect(wrappedLineCount("short", 10)).toBe(1);
    expect(wrappedLineCount("", 10)).toBe(1);
  });

  it("breaks a word longer than a line", () => {
    // 25 characters at 9 a line: 9 + 9 + 7.
    expect(wrappedLineCount("x".repeat(25), 10)).toBe(3);
    // " yy" after the last 7 would make 10: a fourth line.
    expect(wrappedLineCount(`${"x".repeat(25)} yy`, 10)).toBe(4);
    expect(wrappedLineCount(`${"x".repeat(25)} y`, 10)).toBe(3);
  });

  it("never counts fewer lines than the characters need", () => {
    for (const width of [5, 12, 30])
      for (const text of ["a b c d e f g h i j k l m n o p", "word ".repeat(40)])
        expect(wrappedLineCount(text, width)).toBeGreaterThanOrEqual(
          Math.ceil(text.replace(/\s/g, "").length / (width - 1))
        );
  });
});

describe("pageEnds", () => {
  it("keeps every column on one page when the sheet prints one page wide", () => {
    expect(pageEnds([10, 20, 30], 3, 1)).toEqual([2, 2, 2]);
  });

  it("splits columns into pages of an equal share of the width", () => {
    // 100 wide on 2 pages: 50 each; 25 + 25 fit, a third 25 would not.
    expect(pageEnds([25, 25, 25, 25], 4, 2)).toEqual([1, 1, 3, 3]);
  });
});

describe("wrapOverflowingText", () => {
  const widths = [10, 10, 10];
  const wrapped = (cells: Parameters<typeof wrapOverflowingText>[0][number]) =>
    wrapOverflowingText([cells], widths, 3, 1)[0].map((c) =>
      c ? Boolean("wrap" in c && c.wrap) : null
    );

  it("leaves text that spills over empty cells inside the print area alone", () => {
    expect(wrapped([label("x".repeat(25)), null, null])).toEqual([false, null, null]);
  });

  it("wraps text cut by a filled neighbour or running past the print area", () => {
    expect(wrapped([label("x".repeat(12)), label("y"), null])).toEqual([true, false, null]);
    expect(wrapped([null, null, label("x".repeat(12))])).toEqual([null, null, true]);
  });

  it("makes room for a label's live words when they are the longer ones (a workbook with the add-in)", () => {
    // 25 characters would run past the 30-character print area from the second column; 8 would not.
    expect(wrapped([null, { ...label("x".repeat(8)), live: "y".repeat(25) }, null])).toEqual([
      null,
      true,
      null,
    ]);
    expect(wrapped([null, { ...label("x".repeat(25)), live: "y".repeat(8) }, null])).toEqual([
      null,
      true,
      null,
    ]);
    expect(wrapped([null, { ...label("x".repeat(8)), live: "y".repeat(9) }, null])).toEqual([
      null,
      false,
      null,
    ]);
  });

  it("does not let text spill onto the next page of a sheet two pages wide", () => {
    // Columns 1 and 2 on the first page (20 characters), 3 and 4 on the second.
    const rows = wrapOverflowingText(
      [[label("x".repeat(25)), null, null, null]],
      [10, 10, 10, 10],
      4,
      2
    );
    expect(rows[0][0]).toMatchObject({ wrap: true });
  });
});

describe("headingBreaks", () => {
  const heading = label("Section", "section");
  const line = label("row");
  it("breaks before a heading that would fall at a page's foot, never before the first row", () => {
    // A 10-character sheet prints at full size: 535 points a page, 15 a plain row, so 33 plain
    // rows leave 40 points, less than the heading and its two rows (46.5) plus the slack (30).
    const rows = [...new Array(33).fill([line]), [heading], [line], [line], [line]];
    expect(headingBreaks(rows, [10], 1, 1)).toEqual([34]);
    expect(headingBreaks([[heading], [line]], [10], 1, 1)).toEqual([]);
  });

  it("leaves a heading with room for its table where it is", () => {
    const rows = [...new Array(5).fill([line]), [heading], [line], [line]];
    expect(headingBreaks(rows, [10], 1, 1)).toEqual([]);
  });
});

describe("headerWordWidths", () => {
  it("widens a column to its header's longest word at the header's font, and no other", () => {
    // "Committed": 9 characters at the header's 1.1 scale need 9.9 → 10 units, plus a margin of 1
    const rows = [[label("Stake if all committed", "header"), label("Committed"), null]];
    expect(headerWordWidths(rows, [8, 5, 4])).toEqual([11, 5, 4]);
    // a column already wide enough keeps its width
    expect(headerWordWidths(rows, [30, 5, 4])).toEqual([30, 5, 4]);
  });
});
