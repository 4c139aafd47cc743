import { BUILTIN_LIBRARY } from "../src/data/library";
import { findTemplate } from "../src/templates";
import { buildPlan } from "../src/templates/template";
const deal = BUILTIN_LIBRARY.find((d) => d.id === process.argv[3])!;
const plan = buildPlan(findTemplate(process.argv[2])!, { deal, deals: BUILTIN_LIBRARY, overrides: {} });
for (const sheet of plan.sheets) {
  console.log("#### " + sheet.name, sheet.columnWidths.join(","));
  sheet.rows.forEach((row, r) => {
    const txt = row.map((c) => !c ? "" : c.kind === "label" ? String(c.text) : c.kind === "formula" ? "=" + c.formula.slice(0, 40) : c.kind === "input" ? `[${c.value}]` : c.kind === "assumption" ? `{${c.value}}` : "chk").join(" | ");
    console.log(r + 1, txt.slice(0, 230));
  });
}
