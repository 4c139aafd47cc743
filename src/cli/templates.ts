/** `dealloop templates [--sources FILE]…`: each template, what it needs, and the deals it applies to. */
import { TEMPLATES } from "../templates";
import { domainOf } from "../templates/datum";
import { describeRule } from "../engine/validate";
import { listOf, loadDeals, parseFlags } from "./options";
import { CliIO, SOURCES_OPTION, Verb } from "./verb";

export const templatesVerb: Verb = {
  name: "templates",
  summary: "list the workbook templates, what each needs, and the deals it applies to",
  usage: "dealloop templates [--sources FILE]…",
  options: [SOURCES_OPTION],
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
      // A text assumption (a choice such as valuation_basis) is shown but cannot be set with --assume.
      const settable = template.assumptions.filter((a) => domainOf(a).kind !== "choice");
      const fixed = template.assumptions.filter((a) => domainOf(a).kind === "choice");
      const assumptions = settable.map((a) => {
        const rule = domainOf(a).rule;
        return `    ${a.key}: ${a.description}${rule ? ` (${describeRule(rule)})` : ""}`;
      });
      const textAssumptions = fixed.map(
        (a) => `    ${a.key}: ${a.description} (${domainOf(a).choices?.join(" or ")})`
      );
      return [
        `${template.name}: ${template.title}`,
        `  ${template.summary}`,
        "  facts:",
        ...facts,
        ...(assumptions.length > 0 ? ["  assumptions (--assume key=value):", ...assumptions] : []),
        ...(textAssumptions.length > 0
          ? [
              "  text assumptions (shown in the workbook; not settable with --assume):",
              ...textAssumptions,
            ]
          : []),
        `  applies to: ${applying.length > 0 ? listOf(applying) : "no deal in the library"}`,
      ].join("\n");
    });
    io.out(blocks.join("\n\n"));
    return 0;
  },
};
