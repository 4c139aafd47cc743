#!/usr/bin/env node
// The `dealloop` command: the command line as compiled by `npm run build:cli` (plain JavaScript).
// In the repository it is rebuilt first when a source file is newer, so it never runs stale code.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const bundle = path.join(root, "dist-cli", "dealloop.js");

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(file) : fs.statSync(file).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!fs.existsSync(bundle)) return true;
  const src = path.join(root, "src");
  return fs.existsSync(src) && newestSource(src) > fs.statSync(bundle).mtimeMs;
}

if (stale()) {
  try {
    require("../scripts/buildCli.js").buildCli();
  } catch (error) {
    console.error(
      `dealloop is not built (${error.message.split("\n")[0]}): run \`npm run setup\` or \`npm run build:cli\`.`
    );
    process.exit(1);
  }
}
require(bundle).runCli();
