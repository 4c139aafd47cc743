/**
 * The template picker's data for a deal: presence of each fact the template reads (checked here
 * against the deal's own keys), applicability as the template decides it, and a plan built for
 * that deal with the overrides given.
 */
import { BUILTIN_LIBRARY, findDeal } from "../../src/data/library";
import { TEMPLATES } from "../../src/templates";
import { templateOptions } from "../../src/taskpane/templateChoices";

const dealOf = (id: string) => {
  const deal = findDeal(BUILTIN_LIBRARY, id);
  if (!deal) throw new Error(`no deal ${id}`);
  return deal;
};

test("one option per template, in the registry's order", () => {
  const options = templateOptions(TEMPLATES, dealOf("amazon-anthropic-2026"), BUILTIN_LIBRARY);
  expect(options.map((o) => o.name)).toEqual(TEMPLATES.map((t) => t.name));
});

test("a need is present when the deal has its key, or one of its alternatives", () => {
  for (const deal of BUILTIN_LIBRARY) {
    const keys = new Set(deal.facts.map((f) => f.key));
    for (const option of templateOptions(TEMPLATES, deal, BUILTIN_LIBRARY)) {
      for (const need of option.needs) {
        const alternatives = need.key.split("/").map((k) => k.trim());
        expect(need.present).toBe(alternatives.some((k) => keys.has(k)));
      }
    }
  }
});

test("Amazon–Anthropic 2026 (a $100B spend commitment) takes the vendor loop; what it lacks is said", () => {
  const options = templateOptions(TEMPLATES, dealOf("amazon-anthropic-2026"), BUILTIN_LIBRARY);
  const loop = options.find((o) => o.name === "vendor-loop");
  expect(loop?.applies).toBe(true);
  expect(loop?.needs.find((n) => n.key === "spend_commitment")?.present).toBe(true);
  for (const option of options.filter((o) => !o.applies))
    expect(option.missing.length).toBeGreaterThan(0);
});

test("a deal without any investment figure (market data) cannot take the vendor loop", () => {
  const loop = templateOptions(TEMPLATES, dealOf("nvidia-2023"), BUILTIN_LIBRARY).find(
    (o) => o.name === "vendor-loop"
  );
  expect(loop?.applies).toBe(false);
  expect(loop?.missing.join(" ")).toMatch(/investment/);
});

test("build gives the deal's plan with the overrides in its assumption cells", () => {
  const loop = templateOptions(TEMPLATES, dealOf("amazon-anthropic-2026"), BUILTIN_LIBRARY).find(
    (o) => o.name === "vendor-loop"
  );
  const plan = loop?.build({ vendor_margin_before_depreciation: 0.25 });
  expect(plan?.dealId).toBe("amazon-anthropic-2026");
  const cells = plan?.sheets.flatMap((s) => s.rows.flat()) ?? [];
  expect(
    cells.find((c) => c?.kind === "assumption" && c.key === "vendor_margin_before_depreciation")
  ).toMatchObject({
    value: 0.25,
  });
});
