/** `dealloop templates [--sources FILE]…`: each template, what it needs, and the deals it applies to. */
import { TEMPLATES } from "../templates";
import { domainOf } from "../templates/datum";
import { describeRule } from "../engine/validate";
import { listOf, loadDeals, parseFlags } from "./options";
import { CliIO, Verb } from "./verb";

export const templatesVerb: Verb = {
  name: "templates",
  summary: "list the workbook templates, what each needs, and the deals it applies to",
  usage: "dealloop templates [--sources FILE]…",
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values } = parseFlags(argv, ["--sources"], []);
    const deals = loadDeals(values.get("--sources") ?? [], io);
    if (!deals) return 1;
    const blocks = TEMPLATES.map((template) => {
      const applying = deals
        .filter((deal) => template.applicability(deal, deals).applies)
        .map((d) => d.id);
      const facts = template.facts.map(
        (f) => `    ${f.key}${f.required ? "" : " (optional)"}: ${f.description}`
      );
      const assumptions = template.assumptions.map((a) => {
        const param = domainOf(a);
        const rule = param.rule
          ? ` (${describeRule(param.rule)})`
          : param.choices
            ? ` (${param.choices.join(" or ")})`
            : "";
        return `    ${a.key}: ${a.description}${rule}`;
      });
      return [
        `${template.name}: ${template.title}`,
        `  ${template.summary}`,
        "  facts:",
        ...facts,
        ...(assumptions.length > 0 ? ["  assumptions (--assume key=value):", ...assumptions] : []),
        `  applies to: ${applying.length > 0 ? listOf(applying) : "no deal in the library"}`,
      ].join("\n");
    });
    io.out(blocks.join("\n\n"));
    return 0;
  },
};
