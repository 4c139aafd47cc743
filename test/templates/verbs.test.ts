/** The templates, workbook and demo verbs, run as main.ts runs them (their run() with captured output). */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { demoVerb } from "../../src/cli/demo";
import { templatesVerb } from "../../src/cli/templates";
import { UsageError, Verb } from "../../src/cli/verb";
import { workbookVerb } from "../../src/cli/workbook";
import { callDealFunction, isCellError } from "../../src/functions/adapter";
import { findFunction } from "../../src/functions/catalog";
import { TEMPLATES } from "../../src/templates";

async function run(verb: Verb, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await verb.run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  } catch (error) {
    if (error instanceof UsageError)
      return { code: 2, out: out.join("\n"), err: [...err, error.message].join("\n") };
    throw error;
  }
}

const tmp = () => mkdtempSync(join(tmpdir(), "dealloop-verbs-"));

describe("dealloop templates", () => {
  it("lists every template, what it needs and the deals it applies to", async () => {
    const { code, out } = await run(templatesVerb);
    expect(code).toBe(0);
    for (const t of TEMPLATES) expect(out).toContain(`${t.name}: ${t.title}`);
    expect(out).toMatch(/vendor-loop[\s\S]*applies to: amazon-anthropic-2026/);
    expect(out).toContain(
      "vendor_margin_before_depreciation: the vendor's margin on what the customer spends, before the depreciation of the capacity (the capex line carries its cost) (must be between -1 and 1)"
    );
  });

  it("lists a text assumption once, apart from the ones --assume sets", async () => {
    const { out } = await run(templatesVerb);
    expect(out.match(/^ +valuation_basis:/gm)).toHaveLength(1);
    const settable = /assumptions \(--assume key=value\):\n((?: {4}.*\n?)*)/g;
    for (const [, block] of out.matchAll(settable)) expect(block).not.toContain("valuation_basis");
    expect(out).toMatch(
      /text assumptions \(shown in the workbook; not settable with --assume\):\n {4}valuation_basis: .*\(Post-money or Pre-money\)/
    );
  });
});

describe("dealloop workbook", () => {
  const base = ["--deal", "amazon-anthropic-2026", "--template", "vendor-loop"];

  it("writes the workbook, refuses to overwrite it without --force, and overwrites with it", async () => {
    const out = join(tmp(), "loop.xlsx");
    const first = await run(
      workbookVerb,
      ...base,
      "--assume",
      "vendor_margin_before_depreciation=35%",
      "--out",
      out
    );
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /wrote .*loop\.xlsx: Vendor loop; \d+ outputs checked against the engine/
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const [margin] = book.definedNames.getRanges("Loop_Margin").ranges;
    expect(
      book.getWorksheet("Vendor loop")!.getCell(margin.split("!")[1].replace(/\$/g, "")).value
    ).toBe(0.35);
    const again = await run(workbookVerb, ...base, "--out", out);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists; add --force/);
    expect((await run(workbookVerb, ...base, "--out", out, "--force")).code).toBe(0);
  });

  it("suggests the nearest deals or templates for an unknown one, as every verb does", async () => {
    const deal = await run(
      workbookVerb,
      "--deal",
      "amazon-antropic",
      "--template",
      "vendor-loop",
      "--out",
      join(tmp(), "x.xlsx")
    );
    expect(deal.code).toBe(1);
    expect(deal.err).toMatch(/unknown deal "amazon-antropic"; nearest: amazon-anthropic-20/);
    expect(deal.err).toContain("(dealloop deals lists them all)");
    const template = await run(
      workbookVerb,
      "--deal",
      "amazon-anthropic-2026",
      "--template",
      "vendor-lop",
      "--out",
      join(tmp(), "x.xlsx")
    );
    expect(template.code).toBe(1);
    expect(template.err).toMatch(/unknown template "vendor-lop"; nearest: vendor-loop,/);
  });

  it("refuses an --out it does not write, or in a missing folder, saying what to do", async () => {
    const dir = tmp();
    const pdf = await run(workbookVerb, ...base, "--out", join(dir, "loop.pdf"));
    expect(pdf.code).toBe(2);
    expect(pdf.err).toContain("this command writes a .xlsx file; give a name ending in .xlsx");
    const missing = join(dir, "no-such-folder");
    const deep = await run(workbookVerb, ...base, "--out", join(missing, "loop.xlsx"));
    expect(deep.code).toBe(2);
    expect(deep.err).toContain(`the folder ${missing} does not exist; create it first (mkdir -p`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses an assumption outside its domain with the message the function gives", async () => {
    const cell = callDealFunction(findFunction("LOOK_THROUGH")!, [1, 1, 1.5]);
    const message = isCellError(cell) ? cell.message : "";
    expect(message).toMatch(/vendor_margin/);
    const result = await run(
      workbookVerb,
      ...base,
      "--assume",
      "vendor_margin_before_depreciation=1.5",
      "--out",
      join(tmp(), "x.xlsx")
    );
    expect(result.code).toBe(2);
    expect(result.err).toBe(`--assume refused: ${message}`);
  });

  it("refuses an --assume that is not an assumption of the workbook, or not a number", async () => {
    const fact = await run(
      workbookVerb,
      ...base,
      "--assume",
      "spend_years=5",
      "--out",
      join(tmp(), "x.xlsx")
    );
    expect(fact.code).toBe(2);
    expect(fact.err).toMatch(
      /--assume spend_years: not an assumption .*its assumptions: .*vendor_margin_before_depreciation/
    );
    const text = await run(
      workbookVerb,
      ...base,
      "--assume",
      "vendor_margin_before_depreciation=high",
      "--out",
      join(tmp(), "x.xlsx")
    );
    expect(text.err).toContain("vendor_margin_before_depreciation must be a number");
  });

  it("warns about a deal that lacks a fact, and flags it in the workbook", async () => {
    const out = join(tmp(), "openai-loop.xlsx");
    const result = await run(
      workbookVerb,
      "--deal",
      "amazon-openai-2026",
      "--template",
      "vendor-loop",
      "--out",
      out
    );
    expect(result.code).toBe(0);
    expect(result.err).toMatch(
      /warning: amazon-openai-2026 lacks what vendor-loop needs: a spend_commitment amount/
    );
    expect(result.out).toContain("cells to fill (missing facts): spend_commitment");
  });

  it("reads the user's sources", async () => {
    const dir = tmp();
    const csv = join(dir, "mine.csv");
    writeFileSync(
      csv,
      [
        "deal_id,deal_title,deal_date,deal_status,parties,key,value,unit,status,document,section,as_of,flow_from,flow_to,flow_kind",
        "acme-cloudco-2026,Cloudco and Acme,2026-03,announced,Cloudco: investor; Cloudco: vendor; Acme: investee; Acme: customer,investment,2000000000,USD,announced,press.pdf,Expansion,2026,Cloudco,Acme,investment",
        "acme-cloudco-2026,,,,,spend_commitment,6000000000,USD,announced,press.pdf,Expansion,2026,Acme,Cloudco,spend_commitment",
      ].join("\n")
    );
    const out = join(dir, "acme.xlsx");
    const result = await run(
      workbookVerb,
      "--deal",
      "acme-cloudco-2026",
      "--template",
      "vendor-loop",
      "--sources",
      csv,
      "--out",
      out
    );
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});

describe("dealloop demo", () => {
  it("writes every template × deal and an index, with a progress line each and a summary", async () => {
    const dir = tmp();
    const { code, out } = await run(demoVerb, "--out", dir);
    expect(code).toBe(0);
    const files = readdirSync(dir).filter((f) => f.endsWith(".xlsx"));
    const progress = out.split("\n").filter((line) => /^\[\d+\/\d+\] /.test(line));
    expect(files).toContain("index.xlsx");
    expect(progress).toHaveLength(files.length - 1);
    expect(out).toMatch(/template\s+workbooks\s+sheets\s+outputs checked/);
    expect(out).toMatch(new RegExp(`^total\\s+${files.length - 1}\\s+\\d+\\s+\\d+`, "m"));
    // Nothing is overwritten without --force.
    const again = await run(demoVerb, "--out", dir);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exist.*--force/);
  });

  it("writes no DEAL.* formula into any file", async () => {
    const dir = tmp();
    await run(demoVerb, "--out", dir);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".xlsx"))) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(join(dir, file));
      book.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.type === ExcelJS.ValueType.Formula)
              expect(cell.formula).not.toMatch(/DEAL\./i);
          })
        )
      );
    }
  });
});
