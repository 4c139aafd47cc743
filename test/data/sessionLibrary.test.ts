/**
 * FACT reads the session's library: built-in until the taskpane shares the deals it imported,
 * then those (the functions and the taskpane are separate bundles in one runtime).
 */
import { buildLibrary } from "../../src/data/library";
import { shareSessionDeals } from "../../src/data/sessionLibrary";
import { callDealFunction } from "../../src/functions/adapter";
import { findFunction } from "../../src/functions/catalog";

const FACT = findFunction("FACT")!;
const csv = [
  "deal_id,deal_title,deal_date,deal_status,parties,key,value,unit,status,document,section,as_of",
  "acme-cloudco-2026,Acme invests in CloudCo,2026,reported,Acme:investor;CloudCo:investee,investment,2500000000,USD,reported,memo.pdf,Terms,2026",
].join("\n");

describe("the session library", () => {
  afterEach(() => shareSessionDeals(buildLibrary().deals));

  it("gives FACT the user's imported deals once the taskpane shares them", () => {
    expect(callDealFunction(FACT, ["acme-cloudco-2026", "investment"])).toMatchObject({
      error: "#N/A",
    });
    const { deals, problems } = buildLibrary([{ name: "acme.csv", text: csv }]);
    expect(problems).toEqual([]);
    shareSessionDeals(deals);
    expect(callDealFunction(FACT, ["acme-cloudco-2026", "investment"])).toBe(2500000000);
    // The built-in deals are still there beside it: 4 billion is the document's "up to $4 billion".
    expect(callDealFunction(FACT, ["amazon-anthropic-2023", "investment"])).toBe(4e9);
  });
});
