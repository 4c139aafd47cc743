/** Issue 11, item 3: a source that cannot be read gives a failed report, never an unhandled rejection. */
import {
  failedReport,
  importSource,
  initialSources,
  problemLines,
  reportSummary,
} from "../../src/taskpane/sources";

describe("a source that cannot be read", () => {
  test("an error while reading becomes the report, and the accepted sources stay as they were", () => {
    const start = initialSources();
    const unreadable = {
      name: "broken.csv",
      get text(): string {
        throw new Error("the file was moved");
      },
    };
    const { state, report } = importSource(start, unreadable);
    expect(state).toBe(start);
    expect(report.accepted).toBe(false);
    expect(reportSummary(report)).toBe("1 problem in broken.csv; nothing from it was imported:");
    expect(problemLines(report)).toEqual(["broken.csv: could not be read: the file was moved"]);
  });

  test("a failure that is not an Error is reported in words too", () => {
    expect(problemLines(failedReport("DealSources table", "denied"))).toEqual([
      "DealSources table: could not be read: denied",
    ]);
  });
});
