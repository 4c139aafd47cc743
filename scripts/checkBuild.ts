/**
 * After `npm run build`: the functions.json Excel will load lists every DEAL function of the
 * catalog, each parameter described, the bundles the manifest names are there, and the taskpane
 * loads office.js from the Office CDN (a local copy is for `--env offline` builds only).
 */
import * as fs from "fs";
import * as path from "path";
import { FUNCTION_CATALOG } from "../src/functions/catalog";

const dist = path.resolve(__dirname, "../dist");
const problems: string[] = [];

for (const file of [
  "functions.js",
  "functions.json",
  "taskpane.html",
  "taskpane.js",
  "manifest.xml",
]) {
  if (!fs.existsSync(path.join(dist, file))) problems.push(`dist/${file} is missing`);
}
if (fs.existsSync(path.join(dist, "functions.json"))) {
  const metadata = JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8")) as {
    functions: { id: string; parameters: { name: string; description?: string }[] }[];
  };
  for (const fn of FUNCTION_CATALOG) {
    const entry = metadata.functions.find((f) => f.id === fn.name);
    if (!entry) problems.push(`functions.json has no ${fn.name}`);
    for (const param of entry?.parameters ?? []) {
      if (!param.description)
        problems.push(`functions.json: ${fn.name}(${param.name}) has no description`);
    }
  }
}

const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const taskpane = path.join(dist, "taskpane.html");
if (fs.existsSync(taskpane) && !fs.readFileSync(taskpane, "utf8").includes(`src="${OFFICE_CDN}"`))
  problems.push(`dist/taskpane.html does not load office.js from ${OFFICE_CDN}`);

// The reference in docs/ is generated (`npm run docs`); a function missing there was never regenerated.
const reference = fs.readFileSync(path.resolve(__dirname, "../docs/functions.md"), "utf8");
for (const fn of FUNCTION_CATALOG) {
  if (!reference.includes(`## DEAL.${fn.name}(`))
    problems.push(`docs/functions.md has no ${fn.name}: run npm run docs`);
}

if (problems.length) {
  console.error(`build check failed:\n  ${problems.join("\n  ")}`);
  process.exitCode = 1;
} else {
  console.log(
    `build check: functions.json lists all ${FUNCTION_CATALOG.length} DEAL functions with described parameters`
  );
}
