/**
 * `dealloop call`, run exactly as the README shows it (npm run --silent dealloop -- call …), so
 * the whole path is real: npm, tsx, the CLI, the adapter a cell uses, the engine.
 */
import { execFileSync, spawnSync } from "child_process";
import * as path from "path";

const root = path.resolve(__dirname, "../..");

function dealloop(...args: string[]) {
  const run = spawnSync("npm", ["run", "--silent", "dealloop", "--", ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { code: run.status, out: run.stdout.trim(), err: run.stderr };
}

describe("dealloop call", () => {
  it("prints a cell's value as JSON", () => {
    // 300 + 100 = 400: the post-money of a round, VALUATION_STEP's headline.
    expect(JSON.parse(dealloop("call", "VALUATION_STEP", "300", "100", "--json").out)).toBe(400);
  });

  it('treats "" as an omitted argument and reads JSON ranges', () => {
    const { out } = dealloop("call", "VALUATION_STEP", "300", "100", "", "", "all", "--json");
    const rows = JSON.parse(out) as unknown[][];
    expect(rows[0]).toEqual(["post_money", 400]);
    expect(rows[3]).toEqual([
      "step_up",
      { error: "#N/A", message: "step_up needs prior_post_money" },
    ]);
    expect(JSON.parse(dealloop("call", "VALUATION_STEP", "[[300]]", "100", "--json").out)).toBe(
      400
    );
  });

  it("prints an Excel error as a result, with exit code 0", () => {
    const run = dealloop("call", "VALUATION_STEP", "4B", "100", "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual({
      error: "#VALUE!",
      message: 'pre_money must be a number (got "4B")',
    });
  });

  it("prints readable text without --json", () => {
    expect(dealloop("call", "VALUATION_STEP", "300", "100").out).toBe("400");
  });

  it("exits non-zero on an unknown function and lists the functions", () => {
    const run = dealloop("call", "NOPE", "1");
    expect(run.code).not.toBe(0);
    expect(run.err).toContain("VALUATION_STEP");
  });

  it("is what package.json's bin runs", () => {
    const out = execFileSync(
      process.execPath,
      [path.join(root, "bin/dealloop.js"), "call", "VALUATION_STEP", "1", "2"],
      {
        encoding: "utf8",
      }
    );
    expect(out.trim()).toBe("3");
  });
});
