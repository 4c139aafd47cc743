/** FACT and FACT_SOURCE as a cell calls them: through the Excel adapter, with Excel's argument shapes. */
import { createFactFunctions, FACT, FACT_SOURCE } from "../../src/data/factFunctions";
import { buildLibrary } from "../../src/data/library";
import { callDealFunction } from "../../src/functions/adapter";

const fact = (...args: unknown[]) => callDealFunction(FACT, args);
const source = (...args: unknown[]) => callDealFunction(FACT_SOURCE, args);

describe("FACT", () => {
  test("returns the figures the documents state, in base units", () => {
    expect(fact("amazon-anthropic-2023", "investment")).toBe(4e9); // "up to $4 billion"
    expect(fact("amazon-anthropic-2023", "tranche_initial")).toBe(1.25e9); // "$1.25 billion tranche"
    expect(fact("microsoft-openai-2023", "stake_in_for_profit_entity")).toBe(0.49); // "49% of OpenAI's for-profit entity"
    expect(fact("microsoft-openai-2023", "cap_multiple")).toBe(100); // "100x"
    expect(fact("amazon-anthropic-2026", "compute_capacity")).toBe(5); // "5 gigawatts"
  });

  test("returns text facts as text", () => {
    expect(fact("amazon-openai-2026", "trigger_ipo")).toBe("going public");
  });

  test("ids and keys are case-insensitive and trimmed; a 1×1 range is a single value", () => {
    expect(fact([[" Amazon-OpenAI-2026 "]], "INVESTMENT")).toBe(50e9);
  });

  test("a range is #N/A pointing at its ends; key.low and key.high return them", () => {
    expect(fact("amazon-anthropic-2023", "valuation")).toEqual({
      error: "#N/A",
      message:
        "valuation is a range (18000000000 to 25000000000): ask for valuation.low or valuation.high",
    });
    expect(fact("amazon-anthropic-2023", "valuation.low")).toBe(18e9); // "$18-25 billion range"
    expect(fact("amazon-anthropic-2023", "valuation.high")).toBe(25e9);
    expect(fact("ai-chip-market-2023", "h100_price_per_hour.high")).toBe(40);
    expect(fact("amazon-anthropic-2023", "investment.low")).toMatchObject({ error: "#N/A" });
  });

  test("a derived fact returns its value (50 − 35 = 15 billion not contingent)", () => {
    expect(fact("amazon-openai-2026", "tranche_non_contingent")).toBe(15e9);
  });

  test("unknown deals and fields are #N/A with the nearest suggestions", () => {
    expect(fact("amazon-anthropc-2023", "investment")).toEqual({
      error: "#N/A",
      message:
        'unknown deal "amazon-anthropc-2023"; nearest: amazon-anthropic-2023, amazon-anthropic-2026, amazon-openai-2026',
    });
    const field = fact("amazon-openai-2026", "tranche_contingnt");
    expect(field).toMatchObject({ error: "#N/A" });
    expect((field as { message: string }).message).toMatch(
      /^amazon-openai-2026 has no fact "tranche_contingnt"; nearest: tranche_contingent,/
    );
  });

  test("wrong argument types are #VALUE!, a missing one names the parameter", () => {
    expect(fact(2023, "investment")).toMatchObject({
      error: "#VALUE!",
      message: "deal_id must be text (got 2023)",
    });
    expect(fact("amazon-anthropic-2023", null)).toMatchObject({
      error: "#VALUE!",
      message: "field is required",
    });
  });

  test("the optional output gives the unit, qualifier and status; all spills them", () => {
    expect(fact("amazon-anthropic-2023", "investment", "unit")).toBe("USD");
    expect(fact("amazon-anthropic-2023", "investment", "qualifier")).toBe("up to");
    expect(fact("amazon-anthropic-2023", "investment", "all")).toEqual([
      ["value", 4e9],
      ["unit", "USD"],
      ["qualifier", "up to"],
      ["status", "announced"],
    ]);
  });
});

describe("FACT_SOURCE", () => {
  test("says document, section, status and date in one line", () => {
    expect(source("amazon-anthropic-2023", "tranche_option")).toBe(
      "002_92b99d0c0b5c9a6e.txt, The Deal That Redefines AI Competition, announced (option), late 2023"
    );
    expect(source("general-intuition-round-2026", "investment")).toBe(
      "000_7d611d7c1f3503d4.txt, Inference Infrastructure Capital Surge: Baseten's $1.5B Round Defines the Market Moment, in_talks (in talks to raise), 2026"
    );
  });

  test("a derived fact names its formula and its inputs' sources", () => {
    expect(source("amazon-openai-2026", "tranche_non_contingent")).toBe(
      "derived as investment - tranche_contingent, from 003_bb608b4455414188.txt, Amazon's proposed $50B investment in OpenAI is split, reported, 2026"
    );
    expect(source("amazon-openai-2026", "tranche_non_contingent", "document")).toBe(
      "003_bb608b4455414188.txt"
    );
  });

  test("unknown ids are #N/A with suggestions", () => {
    expect(source("baseten", "valuation")).toMatchObject({
      error: "#N/A",
      message: expect.stringContaining("nearest: baseten-round-2026"),
    });
  });
});

describe("FACT over a library with the user's sources", () => {
  test("reads the user's facts and says they are the user's", () => {
    const csv = [
      "deal_id,key,value,unit,status,document,section,as_of",
      "baseten-round-2026,valuation,14e9,USD,reported,my-notes.md,Baseten call,2026-05",
    ].join("\n");
    const { deals } = buildLibrary([{ name: "mine.csv", text: csv }]);
    const functions = createFactFunctions(() => deals);
    expect(callDealFunction(functions.FACT, ["baseten-round-2026", "valuation"])).toBe(14e9);
    expect(callDealFunction(functions.FACT_SOURCE, ["baseten-round-2026", "valuation"])).toBe(
      "user source mine.csv: my-notes.md, Baseten call, reported, 2026-05"
    );
    expect(
      callDealFunction(functions.FACT_SOURCE, ["baseten-round-2026", "valuation", "origin"])
    ).toBe("mine.csv");
    // The built-in functions still read the built-in figure.
    expect(fact("baseten-round-2026", "valuation")).toBe(13e9);
  });
});
