/**
 * `dealloop call`, run exactly as the README shows it (node bin/dealloop.js call …), so the whole
 * path is real: the compiled command line, the adapter a cell uses, the engine.
 */
import { execFileSync, spawnSync } from "child_process";
import { readFileSync } from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const bin = path.join(root, "bin/dealloop.js");

function dealloop(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
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

  it("exits non-zero on an unknown function and suggests the nearest", () => {
    const run = dealloop("call", "VALUATION_STE", "1");
    expect(run.code).not.toBe(0);
    expect(run.err).toMatch(/nearest: VALUATION_STEP/);
  });

  it("runs through npm as well (npm run --silent dealloop -- …)", () => {
    const out = execFileSync(
      "npm",
      ["run", "--silent", "dealloop", "--", "call", "VALUATION_STEP", "1", "2"],
      {
        cwd: root,
        encoding: "utf8",
      }
    );
    expect(out.trim()).toBe("3");
  });

  it("runs compiled JavaScript: no TypeScript compiler at run time, tsx only for development", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
    expect(pkg.bin.dealloop).toBe("bin/dealloop.js");
    expect(Object.keys(pkg.dependencies)).not.toContain("tsx");
    expect(Object.keys(pkg.dependencies)).not.toContain("typescript");
    const bundle = readFileSync(path.join(root, "dist-cli/dealloop.js"), "utf8");
    const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required.filter((name) => /tsx|typescript|esbuild/.test(name))).toEqual([]);
    expect(readFileSync(bin, "utf8")).not.toMatch(/require\("tsx/);
  });
});
