/** `dealloop deals` and `dealloop deal`, run through their Verb objects with captured output. */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import { dealsVerb, dealVerb } from "../../src/cli/deals";
import { Verb } from "../../src/cli/verb";

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), "dealloop-deals-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const where = path.join(dir, name);
  writeFileSync(where, text);
  return where;
}

async function run(verb: Verb, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await verb.run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const GOOD = [
  "deal_id,deal_title,deal_date,deal_status,parties,key,value,unit,status,document,section,as_of",
  "acme-2026,Acme round,2026,reported,Acme: investee,investment,2e9,USD,reported,memo.pdf,Terms,2026",
].join("\n");

describe("dealloop deals", () => {
  test("lists every deal with its status, number of facts and origin", async () => {
    const { code, out } = await run(dealsVerb, []);
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0].split(/\s{2,}/)).toEqual(["id", "title", "status", "facts", "origin"]);
    expect(
      lines.find((line) => line.startsWith("amazon-anthropic-2023 "))?.split(/\s{2,}/)
    ).toEqual([
      "amazon-anthropic-2023",
      "Amazon's commitment to Anthropic",
      "announced",
      "9",
      "builtin",
    ]);
  });

  test("--json prints the library: id, title, parties, facts with key, value, unit, status, source", async () => {
    const { code, out } = await run(dealsVerb, ["--json"]);
    expect(code).toBe(0);
    const deals = JSON.parse(out);
    const deal = deals.find((d: { id: string }) => d.id === "amazon-openai-2026");
    expect(deal.parties).toContainEqual({ name: "OpenAI", role: "investee" });
    expect(deal.facts.find((f: { key: string }) => f.key === "tranche_contingent")).toMatchObject({
      value: 35e9,
      unit: "USD",
      status: "reported",
      source: {
        document: "003_bb608b4455414188.txt",
        section: "Amazon's proposed $50B investment in OpenAI is split",
      },
    });
  });

  test("--sources adds a good file beside the built-in deals", async () => {
    const { code, out } = await run(dealsVerb, ["--sources", file("good.csv", GOOD)]);
    expect(code).toBe(0);
    expect(out).toMatch(/^acme-2026\s+Acme round\s+reported\s+1\s+.*good\.csv$/m);
    expect(out).toMatch(/^amazon-anthropic-2023 /m);
  });

  test("a bad sources file prints every problem and exits 1", async () => {
    const bad = file(
      "bad.csv",
      [
        "deal_id,key,value,value_high,unit,status,document,section,as_of",
        "acme-2026,investment,4B,,USD,reported,memo.pdf,Terms,2026",
        "acme-2026,valuation,5,4,USD,reported,,Terms,2026",
      ].join("\n")
    );
    const { code, out, err } = await run(dealsVerb, ["--json", `--sources=${bad}`]);
    expect(code).toBe(1);
    expect(out).toBe("");
    const lines = err.split("\n");
    // The file's name, never the folder it was read from (issue 11).
    expect(lines[0]).toBe("6 problems in bad.csv; nothing from it was imported:");
    // A new deal also needs its title, date and status (reported where the deal starts).
    expect(lines.slice(1).map((line) => /row (\d+), column (\w+)/.exec(line)?.slice(1))).toEqual([
      ["2", "deal_title"],
      ["2", "deal_date"],
      ["2", "deal_status"],
      ["2", "value"],
      ["3", "value_high"],
      ["3", "document"],
    ]);
  });

  test("a missing file is an error; a bad option is a usage error", async () => {
    expect((await run(dealsVerb, ["--sources", path.join(dir, "none.csv")])).code).toBe(1);
    await expect(run(dealsVerb, ["--verbose"])).rejects.toThrow("unknown option --verbose");
    await expect(run(dealsVerb, ["--sources"])).rejects.toThrow("--sources needs a value");
  });
});

describe("dealloop deal ID", () => {
  test("prints the deal's facts with their sources, capital flows and notes", async () => {
    const { code, out } = await run(dealVerb, ["amazon-anthropic-2026"]);
    expect(code).toBe(0);
    expect(out).toContain("amazon-anthropic-2026: Amazon's expanded partnership with Anthropic");
    expect(out).toContain("parties: Amazon (investor, vendor); Anthropic (investee, customer)");
    expect(out).toMatch(
      /^spend_commitment\s+100,000,000,000\s+USD\s+over\s+announced\s+004_e66127d25fc20cd4\.txt § Navigating/m
    );
    expect(out).toMatch(
      /^spend_commitment_per_year\s+10,000,000,000\s+USD\/year\s+over\s+derived\s+= spend_commitment \/ spend_years/m
    );
    expect(out).toContain("Anthropic → Amazon: spend_commitment (spend_commitment)");
  });

  test("shows ratios as percentages too, and a user's fact with what it replaced", async () => {
    const mine = file(
      "mine.csv",
      "deal_id,key,value,unit,status,document,section,as_of\nmicrosoft-openai-2023,stake_in_for_profit_entity,0.5,ratio,reported,memo,Terms,2024"
    );
    const { out } = await run(dealVerb, ["microsoft-openai-2023", "--sources", mine]);
    expect(out).toMatch(
      /^stake_in_for_profit_entity\s+0\.5 \(50%\)\s+ratio.*mine\.csv \(replaces builtin\)$/m
    );
    expect(out).toContain("from builtin + mine.csv");
  });

  test("an unknown id exits 1 naming the nearest ids", async () => {
    const { code, err } = await run(dealVerb, ["amazon-openai"]);
    expect(code).toBe(1);
    expect(err).toMatch(
      /^unknown deal "amazon-openai"; nearest: amazon-openai-2026, [a-z0-9-]+, [a-z0-9-]+ \(dealloop deals lists them all\)$/
    );
  });

  test("no id is a usage error", async () => {
    await expect(run(dealVerb, [])).rejects.toThrow("which deal?");
  });
});
