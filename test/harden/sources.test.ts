/** Issue 11, items 1, 4, 9 and 10: hostile and huge user sources give a problem list, quickly. */
import { applySource } from "../../src/data/import";
import { BUILTIN_LIBRARY, findDeal } from "../../src/data/library";
import { validateDeal } from "../../src/data/schema";
import { parseNumberCell } from "../../src/engine/cells";

const HEADER =
  "deal_id,deal_title,deal_date,deal_status,key,value,unit,status,document,section,as_of";
const row = (value: string, section = "Terms") =>
  `acme-2026,Acme,2026,reported,investment,${value},USD,reported,memo.pdf,${section},2026`;
const csv = (...rows: string[]) => [HEADER, ...rows].join("\n");
const apply = (name: string, text: string) => applySource(BUILTIN_LIBRARY, { name, text });
const jsonDeal = (extra: object = {}, factExtra: object = {}) => ({
  id: "acme-2026",
  title: "Acme",
  date: "2026",
  status: "reported",
  parties: [],
  facts: [
    {
      key: "investment",
      value: 5,
      unit: "USD",
      status: "reported",
      source: { document: "memo.pdf", section: "Terms", as_of: "2026" },
      ...factExtra,
    },
  ],
  ...extra,
});

describe("characters no workbook may hold", () => {
  test("U+FFFE in a CSV section is refused at its row and column", () => {
    const { problems } = apply("a.csv", csv(row("5"), row("6", "Terms \ufffe")));
    expect(problems).toEqual([
      {
        source: "a.csv",
        row: 3,
        column: "section",
        message: "contains U+FFFE, a character a workbook cannot hold; remove it",
      },
    ]);
  });

  test("U+FFFF, NUL and a right-to-left override in JSON are refused at their paths", () => {
    const text = JSON.stringify([
      jsonDeal({ title: "Acme\u0000" }, { note: "x\u202ey", qualifier: "\uffff" }),
    ]);
    const found = apply("a.json", text).problems.map((p) => `${p.path}: ${p.message}`);
    expect(found.sort()).toEqual([
      "[0].facts[0].note: contains U+202E, a control that changes the order text reads in; remove it",
      "[0].facts[0].qualifier: contains U+FFFF, a character a workbook cannot hold; remove it",
      "[0].title: contains U+0000, a character a workbook cannot hold; remove it",
    ]);
  });

  test("tabs and line breaks inside a quoted cell are kept", () => {
    const { problems } = apply("a.csv", csv(row("5", '"line 1\nline\t2"')));
    expect(problems).toEqual([]);
  });
});

describe("inputs that took quadratic time", () => {
  // Each answer is what the rule says for the text; the time is measured in bench/, not here.
  test("a 200,000-digit run ending in x is not a number (cells, CSV, JSON)", () => {
    const long = "1".repeat(200000) + "x";
    expect(parseNumberCell(long)).toBeUndefined();
    expect(parseNumberCell(long.slice(0, -1) + "%")).toBeUndefined(); // beyond a double's range
    const { problems } = apply("a.csv", csv(row(long)));
    expect(problems[0].message).toMatch(/is not a number: write a plain number in USD, or use/);
  });

  test('200,000 spaces before "x" in a JSON value get no suggested number', () => {
    const value = " ".repeat(200000) + "x";
    const issues = validateDeal(jsonDeal({}, { value })).issues;
    expect(issues[0].message).toMatch(/is not a number: write a plain number in USD, or use/);
    const meant = validateDeal(jsonDeal({}, { value: `  $1.5 bn  ` })).issues;
    expect(meant[0].message).toMatch(/\(\$1\.5 bn is 1500000000\)/);
  });

  test("a header with 300,000 trailing commas reads like the same header without them", () => {
    const wide = `${HEADER}${",".repeat(300000)}\n${row("5")}`;
    const { deals, problems } = apply("wide.csv", wide);
    expect(problems).toEqual([]);
    expect(findDeal(deals, "acme-2026")?.facts[0].value).toBe(5);
  });
});

describe("consistent sources", () => {
  test("a header-only CSV is a problem, as an empty one is", () => {
    expect(apply("h.csv", HEADER + "\n").problems).toEqual([
      { source: "h.csv", message: "the source has a header row but no facts below it" },
    ]);
    expect(apply("e.csv", "").problems[0].message).toMatch(/the source is empty/);
  });

  test("a JSON file with a byte-order mark is read, as a CSV with one is", () => {
    const json = apply("bom.json", "\ufeff" + JSON.stringify([jsonDeal()]));
    const text = apply("bom.csv", "\ufeff" + csv(row("5")));
    expect(json.problems).toEqual([]);
    expect(text.problems).toEqual([]);
  });

  test("an unknown JSON field is named where it is, not 'Invalid input'", () => {
    const text = JSON.stringify([jsonDeal({ colour: "red" }, { valu: 3 })]);
    expect(apply("a.json", text).problems).toEqual([
      { source: "a.json", path: "[0].facts[0].valu", message: "unknown field" },
      { source: "a.json", path: "[0].colour", message: "unknown field" },
    ]);
  });

  test.each([
    ["/home/analyst/Confidential/deals.csv"],
    ["C:\\Users\\analyst\\Confidential\\deals.csv"],
  ])("a source read from %s is cited by its file name only", (name) => {
    const { deals, problems } = applySource(BUILTIN_LIBRARY, { name, text: csv(row("5")) });
    expect(problems).toEqual([]);
    const deal = findDeal(deals, "acme-2026");
    expect(deal?.facts[0].origin).toBe("deals.csv");
    expect(deal?.origins).toEqual(["deals.csv"]);
  });
});
