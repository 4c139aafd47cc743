/**
 * `npm run build:cli`: bundles the TypeScript command line into one JavaScript file that
 * bin/dealloop.js loads, so no TypeScript compiler runs when the command does. Its packages are
 * bundled too (only the parts it uses: zod's whole locale set would double the start-up), except
 * ExcelJS, which stays in node_modules and loads only when a verb writes a workbook.
 */
const path = require("path");

const root = path.resolve(__dirname, "..");
const CLI_BUNDLE = path.join(root, "dist-cli", "dealloop.js");

function buildCli() {
  const started = Date.now();
  require("esbuild").buildSync({
    entryPoints: [path.join(root, "src", "cli", "main.ts")],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["exceljs"],
    logLevel: "warning",
  });
  return Date.now() - started;
}

module.exports = { buildCli, CLI_BUNDLE };

if (require.main === module) {
  const ms = buildCli();
  console.log(`build:cli: ${path.relative(root, CLI_BUNDLE)} in ${ms} ms`);
}
