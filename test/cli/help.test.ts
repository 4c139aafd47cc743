/**
 * Help everywhere: `dealloop help`, `help VERB`, `VERB --help`, `call FUNCTION --help`, and the
 * signature after a wrong argument. The oracle for a function's help is docs/functions.md (its
 * headings are generated from Excel's own metadata, not by the CLI) and the JSDoc help text.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { parseCliArg } from "../../src/cli/call";
import { EXAMPLES } from "../../src/cli/functionHelp";
import { main } from "../../src/cli/main";
import { describeRule } from "../../src/engine/validate";
import { callDealFunction, isCellError } from "../../src/functions/adapter";
import { FUNCTION_CATALOG } from "../../src/functions/catalog";
import { FUNCTION_HELP } from "../../src/functions/help";

async function dealloop(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const VERB_NAMES = ["call", "deals", "deal", "templates", "workbook", "demo", "pack"];

/** `## DEAL.NAME(a, b, [c])` headings of the generated reference. */
const reference = readFileSync(join(__dirname, "../../docs/functions.md"), "utf8");
const documentedSignature = (name: string) =>
  new RegExp(`^## (DEAL\\.${name}\\(.*\\))$`, "m").exec(reference)?.[1];

describe("dealloop help", () => {
  it("lists every verb, and says how to get more", async () => {
    const { code, out } = await dealloop("help");
    expect(code).toBe(0);
    for (const verb of VERB_NAMES) expect(out).toMatch(new RegExp(`^  ${verb} +\\w`, "m"));
    expect(out).toContain("dealloop help VERB");
    expect((await dealloop()).code).toBe(2);
  });

  it.each(VERB_NAMES)(
    "%s: help VERB and VERB --help print the same help, naming every option of its usage line",
    async (verb) => {
      const viaHelp = await dealloop("help", verb);
      const viaFlag = await dealloop(verb, "--help");
      expect(viaHelp.code).toBe(0);
      expect(viaFlag).toEqual(viaHelp);
      const [usage] = /^usage: .*$/m.exec(viaHelp.out) ?? [""];
      expect(usage).toContain(`dealloop ${verb}`);
      const options = viaHelp.out.split("\noptions:\n")[1] ?? "";
      for (const flag of usage.match(/--[a-z]+/g) ?? [])
        expect(options).toMatch(new RegExp(`^  ${flag}\\b`, "m"));
    }
  );

  it("takes --help anywhere after the verb, instead of refusing it as an unknown option", async () => {
    const { code, out, err } = await dealloop("workbook", "--deal", "x", "--help");
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out).toContain("--template NAME");
  });

  it("suggests the nearest verb for an unknown one", async () => {
    const { code, err } = await dealloop("workbok");
    expect(code).toBe(2);
    expect(err).toMatch(/^unknown command "workbok"; nearest: workbook/);
  });
});

describe("dealloop call FUNCTION --help", () => {
  it.each(FUNCTION_CATALOG.map((fn) => [fn.name, fn] as const))(
    "%s: the signature, each argument's help and rule, the fields and a worked example",
    async (name, fn) => {
      const { code, out } = await dealloop("call", name, "--help");
      expect(code).toBe(0);
      expect(out.split("\n")[0]).toBe(documentedSignature(name));
      const help = FUNCTION_HELP.find((entry) => entry.name === name)!;
      expect(out).toContain(help.description);
      for (const param of help.parameters) expect(out).toContain(param.description);
      for (const param of fn.params)
        if (param.rule) expect(out).toContain(describeRule(param.rule));
      for (const field of fn.fields) expect(out).toContain(field);
      // The example is a real call: it gives a result, not an error, and the help prints it.
      const result = callDealFunction(fn, EXAMPLES[name].map(parseCliArg));
      expect(isCellError(result)).toBe(false);
      expect(out).toContain(`dealloop call ${name} `);
      expect(out).toContain(JSON.stringify(result));
    }
  );

  it("is the same as help call FUNCTION, and an unknown function is refused with the nearest names", async () => {
    expect(await dealloop("help", "call", "tranche_value")).toEqual(
      await dealloop("call", "TRANCHE_VALUE", "--help")
    );
    const unknown = await dealloop("call", "TRANCHE_VALU", "--help");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no help on "TRANCHE_VALU"');
    const run = await dealloop("call", "TRANCHE_VALU", "1");
    expect(run.err).toMatch(/^unknown function "TRANCHE_VALU"; nearest: TRANCHE_VALUE/);
  });

  it("prints the signature after a missing or wrong argument, keeping the cell's error as the result", async () => {
    const missing = await dealloop("call", "TRANCHE_VALUE", "35e9");
    expect(missing.out).toBe("#VALUE! probability is required");
    expect(missing.err).toContain(
      `usage: ${documentedSignature("TRANCHE_VALUE")}   (dealloop call TRANCHE_VALUE --help`
    );
    const wrong = await dealloop("call", "TRANCHE_VALUE", "35e9", "1.5", "3", "0.1", "--json");
    expect(JSON.parse(wrong.out)).toMatchObject({ error: "#VALUE!" });
    expect(wrong.err).toContain(`usage: ${documentedSignature("TRANCHE_VALUE")}`);
    const fine = await dealloop("call", "TRANCHE_VALUE", "35e9", "0.5", "3", "0.1");
    expect(fine.err).toBe("");
  });
});
