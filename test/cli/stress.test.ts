/** `dealloop stress` on the library's web, against figures worked from the library's flows by hand. */
import { main } from "../../src/cli/main";

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("dealloop stress", () => {
  // The web's figures around Amazon: it holds $13B of Anthropic (2026 cumulative) and proposes
  // $50B for OpenAI; Anthropic has committed over $100B of spend back to Amazon; OpenAI's
  // commitments carry no figure.
  it("halves Amazon's money: Anthropic is $6.5B short, all of it stranded spend; OpenAI $25B short", async () => {
    const { code, out } = await run("stress", "--party", "Amazon", "--shortfall", "0.5", "--json");
    expect(code).toBe(0);
    // One row per affected party, with exactly the fields (OpenAI's $25B shortfall
    // strands nothing: its commitments carry no figure).
    expect(JSON.parse(out)).toEqual([
      {
        party: "Anthropic",
        order: 1,
        revenue_at_risk: 0,
        stake_writedown: 0,
        stranded_commitment: 6.5e9,
      },
      { party: "OpenAI", order: 1, revenue_at_risk: 0, stake_writedown: 0, stranded_commitment: 0 },
    ]);
  });

  it("a failure in year 3 of 10 misses 8 of the 10 years", async () => {
    const { out } = await run("stress", "--party", "Amazon", "--fail-year", "3", "--json");
    const rows = JSON.parse(out) as { party: string; stranded_commitment: number }[];
    // Anthropic is 0.8 × $13B short, all of it within its over $100B of spend commitments.
    expect(rows.find((r) => r.party === "Anthropic")?.stranded_commitment).toBe(0.8 * 13e9);
  });

  it("writes down Amazon's and Microsoft's stakes when OpenAI fails outright", async () => {
    const { out } = await run("stress", "--party", "OpenAI", "--fail-year", "1", "--json");
    const rows = JSON.parse(out) as { party: string; stake_writedown: number }[];
    expect(rows.map((r) => [r.party, r.stake_writedown])).toEqual([
      ["Amazon", 50e9],
      ["Microsoft", 13e9],
    ]);
  });

  it("suggests the nearest names for an unknown party", async () => {
    const { code, err } = await run("stress", "--party", "Amazn");
    expect(code).toBe(1);
    expect(err).toContain('unknown party "Amazn"; nearest: Amazon');
  });

  it("says when a party's flows have no figure, and lists them", async () => {
    const { code, err } = await run("stress", "--party", "Nvidia");
    expect(code).toBe(1);
    expect(err).toContain("Nvidia has no capital flow with a figure in the library");
    expect(err).toContain("Nvidia → OpenAI (investment, amazon-openai-2026)");
  });

  it("refuses both shocks at once, and a shortfall outside 0 to 1", async () => {
    expect(
      (await run("stress", "--party", "Amazon", "--shortfall", "0.5", "--fail-year", "2")).code
    ).toBe(2);
    const wide = await run("stress", "--party", "Amazon", "--shortfall", "1.5");
    expect([wide.code, wide.err]).toEqual([1, "shortfall must be between 0 and 1 (got 1.5)"]);
  });

  it("prints a table and the flows the sources name without a figure", async () => {
    const { out } = await run("stress", "--party", "Amazon");
    // revenue at risk, stake write-down, stranded commitment, then the funding shortfall
    expect(out).toMatch(/Anthropic +1 +\$0\.00 +\$0\.00 +\$6\.50B +\$6\.50B/);
    expect(out).toMatch(/OpenAI +1 +\$0\.00 +\$0\.00 +\$0\.00 +\$25\.00B/);
    expect(out).toContain("OpenAI → Amazon (spend commitment, amazon-openai-2026)");
  });
});
