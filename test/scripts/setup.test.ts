/**
 * `npm run setup` run twice does the install once: scripts/setup.sh in a scratch project whose
 * `npm`, `soffice`, `chromium` and `pdftoppm` are stand-ins that record how they were called.
 */
import { spawnSync } from "child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

const SETUP = resolve(__dirname, "../../scripts/setup.sh");

function project() {
  const dir = mkdtempSync(join(tmpdir(), "dealloop-setup-"));
  const bin = join(dir, "bin");
  mkdirSync(join(dir, "scripts"));
  mkdirSync(bin);
  copyFileSync(SETUP, join(dir, "scripts", "setup.sh"));
  writeFileSync(join(dir, "package-lock.json"), '{"lockfileVersion":3}');
  const log = join(dir, "calls.log");
  // npm ci empties node_modules and installs; the stand-in makes the folder, as npm does.
  const npm = `#!/bin/sh\necho "npm $*" >> "${log}"\n[ "$1" = ci ] && rm -rf node_modules && mkdir node_modules\nexit 0\n`;
  writeFileSync(join(bin, "npm"), npm);
  for (const tool of ["soffice", "chromium", "pdftoppm"])
    writeFileSync(join(bin, tool), "#!/bin/sh\n");
  for (const tool of ["npm", "soffice", "chromium", "pdftoppm"]) chmodSync(join(bin, tool), 0o755);
  const setup = () => {
    const run = spawnSync("bash", [join(dir, "scripts", "setup.sh")], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${bin}:/usr/bin:/bin` },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    return run.stdout;
  };
  const calls = () => readFileSync(log, "utf8").trim().split("\n");
  return { dir, setup, calls };
}

describe("npm run setup", () => {
  it("installs once, skips the install while package-lock.json is unchanged, and reinstalls when it changes", () => {
    const { dir, setup, calls } = project();
    expect(setup()).toContain("installing npm packages (npm ci)");
    expect(calls()).toEqual(["npm ci --no-fund --no-audit", "npm run --silent build:cli"]);

    expect(setup()).toContain("already match package-lock.json");
    expect(calls()).toEqual([
      "npm ci --no-fund --no-audit",
      "npm run --silent build:cli",
      "npm run --silent build:cli",
    ]);

    writeFileSync(join(dir, "package-lock.json"), '{"lockfileVersion":3,"changed":true}');
    expect(setup()).toContain("installing npm packages (npm ci)");
    expect(calls().filter((call) => call.startsWith("npm ci"))).toHaveLength(2);
  });
});
