/**
 * Importing the user's sources in the taskpane, with the examples of docs/sources-format.md: its
 * CSV adds acme-cloudco-2026; its bad.csv is refused whole with its three problems, in the report
 * wording that document shows.
 */
import { readFileSync } from "fs";
import { join } from "path";
import {
  clearSources,
  importSource,
  initialSources,
  problemLines,
  reportSummary,
} from "../../src/taskpane/sources";

const doc = readFileSync(join(__dirname, "..", "..", "docs", "sources-format.md"), "utf8");
const exampleCsv = /```csv\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";
const header = "deal_id,key,value,value_high,unit,status,document,section,as_of";
const badCsv = [
  header,
  "amazon-anthropic-2023,investment,4B,,USD,announced,x.txt,s,2023",
  "amazon-anthropic-2023,valuation,2,1,USD,reported,x.txt,s,2023",
  "amazon-anthropic-2023,tranche_initial,1000000000,,USD,announced,,,",
].join("\n");

test("the documented CSV adds its deal", () => {
  const start = initialSources();
  const { state, report } = importSource(start, { name: "acme.csv", text: exampleCsv });
  expect(report).toEqual({
    source: "acme.csv",
    accepted: true,
    problems: [],
    deals: ["acme-cloudco-2026"],
  });
  expect(state.deals.length).toBe(start.deals.length + 1);
  expect(reportSummary(report)).toBe(
    "acme.csv imported: 1 deal added or changed (acme-cloudco-2026)."
  );
});

test("a bad source is refused whole, every problem listed, nothing changed", () => {
  const start = initialSources();
  const { state, report } = importSource(start, { name: "bad.csv", text: badCsv });
  expect(state).toBe(start);
  expect(report.accepted).toBe(false);
  expect(reportSummary(report)).toBe("3 problems in bad.csv; nothing from it was imported:");
  expect(problemLines(report)).toEqual([
    expect.stringMatching(
      /^bad\.csv row 2, column value: "4B" is not a number: .*\(4B is 4000000000\)/
    ),
    expect.stringMatching(
      /^bad\.csv row 3, column value_high: high \(1\) must be at least low \(2\)/
    ),
    expect.stringMatching(/^bad\.csv row 4, column document: required/),
  ]);
});

test("a source that extends a built-in deal reports that deal alone, and a second import of the same name replaces the first", () => {
  const first = importSource(initialSources(), { name: "acme.csv", text: exampleCsv }).state;
  const extend = `${header}\namazon-anthropic-2023,tranche_initial,1250000000,,USD,announced,memo.pdf,Terms,2023`;
  const { state, report } = importSource(first, { name: "mine.csv", text: extend });
  expect(report.deals).toEqual(["amazon-anthropic-2023"]);
  const again = importSource(state, {
    name: "mine.csv",
    text: extend.replace("1250000000", "1500000000"),
  });
  expect(again.state.sources.map((s) => s.name)).toEqual(["acme.csv", "mine.csv"]);
  const fact = again.state.deals
    .find((d) => d.id === "amazon-anthropic-2023")
    ?.facts.find((f) => f.key === "tranche_initial");
  expect(fact?.value).toBe(1.5e9);
  expect(clearSources().sources).toEqual([]);
});
