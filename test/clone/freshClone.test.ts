/**
 * A newcomer's clone: the repository cloned into an empty temporary folder (no `shared/` beside
 * it, no build output, no dist-cli/), its node_modules linked to this one's to save the install,
 * and the README's unit-test command run there. It must pass, and the suite that needs the source
 * documents must say it was skipped. Slow (a second run of the unit suite): part of `npm test`,
 * not of `npm run test:unit`.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

const ROOT = resolve(__dirname, "../..");
const isRepository = spawnSync("git", ["-C", ROOT, "rev-parse", "HEAD"]).status === 0;
const describeClone = isRepository ? describe : describe.skip;
if (!isRepository) console.warn("SKIPPED: not a git checkout (or no git), so no clone to test.");

describeClone("a fresh clone with no shared/ folder beside it", () => {
  const parent = mkdtempSync(join(tmpdir(), "dealloop-clone-"));
  const clone = join(parent, "dealloop");
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it("passes npm run test:unit, skipping the source-document checks and saying so", () => {
    const cloned = spawnSync("git", ["clone", "--quiet", ROOT, clone], { encoding: "utf8" });
    expect(cloned.stderr).toBe("");
    expect(existsSync(join(parent, "shared"))).toBe(false);
    expect(existsSync(join(clone, "dist-cli"))).toBe(false);
    symlinkSync(join(ROOT, "node_modules"), join(clone, "node_modules"), "dir");

    const run = spawnSync("npm", ["run", "test:unit", "--", "--ci"], {
      cwd: clone,
      encoding: "utf8",
      env: { ...process.env, FORCE_COLOR: "0" },
      timeout: 540_000,
    });
    const report = `${run.stdout}\n${run.stderr}`;
    if (run.status !== 0)
      throw new Error(`npm run test:unit failed in the clone:\n${report.slice(-4000)}`);
    expect(report).toMatch(/SKIPPED: the source documents are not at .*shared[\\/]sources/);
    expect(report).toMatch(/^Tests: +\d+ skipped, \d+ passed/m);
  }, 600_000);
});
