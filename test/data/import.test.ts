import { readFileSync } from "fs";
import path from "path";
import { applySource, formatProblem, parseCsv } from "../../src/data/import";
import { BUILTIN_LIBRARY, buildLibrary, findDeal } from "../../src/data/library";
import { LibraryDeal } from "../../src/data/schema";

const HEADER =
  "deal_id,deal_title,deal_date,deal_status,parties,key,value,value_high,unit,qualifier,status,document,section,as_of,formula,flow_from,flow_to,flow_kind";

/** The code blocks of docs/sources-format.md: its examples must import as documented. */
function docExample(language: string): string {
  const doc = readFileSync(path.resolve(__dirname, "../../docs/sources-format.md"), "utf8");
  const match = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(doc);
  if (!match) throw new Error(`no ${language} example in docs/sources-format.md`);
  return match[1];
}

describe("parseCsv", () => {
  test("reads RFC 4180: quotes, doubled quotes, commas and line breaks inside quotes, CRLF, a BOM", () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""","line 1\nline 2"\r\n,,\n1,2,3';
    expect(parseCsv(text)).toEqual({
      records: [
        ["a", "b", "c"],
        ["x, y", 'say "hi"', "line 1\nline 2"],
        ["", "", ""],
        ["1", "2", "3"],
      ],
      problems: [],
    });
  });

  test("reports a quote that is never closed, by row", () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n').problems).toEqual([
      { row: 2, message: 'a quoted cell is never closed (a missing ")' },
    ]);
  });
});

describe("user sources", () => {
  test("the documented CSV example imports beside the built-in deals", () => {
    const { deals, problems } = buildLibrary([{ name: "acme.csv", text: docExample("csv") }]);
    expect(problems).toEqual([]);
    expect(deals.length).toBe(BUILTIN_LIBRARY.length + 1);
    const acme = findDeal(deals, "acme-cloudco-2026")!;
    expect(acme.origins).toEqual(["acme.csv"]);
    expect(acme.parties).toEqual([
      { name: "Cloudco", role: "investor" },
      { name: "Cloudco", role: "vendor" },
      { name: "Acme", role: "investee" },
      { name: "Acme", role: "customer" },
    ]);
    const fact = (key: string) => acme.facts.find((f) => f.key === key)!;
    expect(fact("investment")).toMatchObject({
      value: 2e9,
      qualifier: "up to",
      origin: "acme.csv",
    });
    expect(fact("investment").flows).toEqual([{ from: "Cloudco", to: "Acme", kind: "investment" }]);
    expect(fact("valuation").value).toEqual({ low: 8e9, high: 12e9 });
    // 6e9 over 5 years, by hand.
    expect(fact("spend_commitment_per_year")).toMatchObject({
      value: 1.2e9,
      derivation: {
        formula: "spend_commitment / spend_years",
        inputs: ["spend_commitment", "spend_years"],
      },
    });
  });

  test("the documented JSON example imports", () => {
    const { deals, problems } = buildLibrary([{ name: "acme.json", text: docExample("json") }]);
    expect(problems).toEqual([]);
    expect(findDeal(deals, "acme-cloudco-2026")?.facts.map((f) => f.key)).toEqual([
      "investment",
      "valuation",
    ]);
  });

  test("a broken CSV is rejected whole, with every problem by row and column", () => {
    const csv = [
      HEADER,
      "acme-2026,Acme round,2026,reported,Acme: investee; Cloudco: investor,investment,4B,,USD,,reported,memo.pdf,Terms,2026,,Cloudco,Acme,investment",
      "acme-2026,,,,,valuation,2e9,1e9,USD,,reported,memo.pdf,Terms,2026,,,,",
      "acme-2026,,,,,stake,0.2,,ratio,,rumoured,,,,,,,",
      "acme-2026,Acme Round,,,,Bad Key,5,,usd,,reported,memo.pdf,Terms,2026,,,,",
      ",,,,,spend,5,,USD,,reported,memo.pdf,Terms,2026,,,,",
      "acme-2026,,,,,valuation,3e9,,USD,,reported,memo.pdf,,2026,,Cloudco,Nobody,investment",
      "beta-2026,Beta,26 March,closed,Beta: target,size,1,,USD,,reported,memo.pdf,Terms,2026,,,,",
      "amazon-anthropic-2023,,,,,investment,5e9,,USD,up to,announced,memo.pdf,Terms,2026,,,,",
    ].join("\n");
    const before = buildLibrary([]).deals;
    const { deals, problems } = buildLibrary([{ name: "bad.csv", text: csv }]);
    expect(deals).toBe(before);
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, "value"],
      [3, "value_high"],
      [4, "status"],
      [4, "document"],
      [5, "deal_title"],
      [5, "key"],
      [5, "unit"],
      [6, "deal_id"],
      [7, "key"],
      [7, "section"],
      [7, "flow_to"],
      [8, "deal_date"],
      [8, "deal_status"],
      [8, "parties"],
    ]);
    expect(problems.every((p) => p.source === "bad.csv")).toBe(true);
    expect(formatProblem(problems[0])).toBe(
      'bad.csv row 2, column value: "4B" is not a number: write a plain number in USD (4B is 4000000000), or use the unit text'
    );
    expect(problems.find((p) => p.row === 8 && p.column === "parties")?.message).toMatch(
      /^party "Beta": must be one of/
    );
    expect(problems.find((p) => p.row === 7 && p.column === "key")?.message).toBe(
      "duplicate key valuation in acme-2026"
    );
    expect(problems.find((p) => p.column === "flow_to")?.message).toBe(
      "Nobody is not a party of acme-2026"
    );
  });

  test("a CSV fact carries its tags, and an unknown tag is refused by name", () => {
    const csv = (tags: string) =>
      `deal_id,key,value,unit,status,document,section,as_of,tags\nmicrosoft-openai-2023,board_risk,no board seat,text,reported,memo,Risks,2024,${tags}`;
    const { deals, problems } = buildLibrary([{ name: "t.csv", text: csv("risk; ambiguous") }]);
    expect(problems).toEqual([]);
    const added = findDeal(deals, "microsoft-openai-2023")!.facts.find(
      (f) => f.key === "board_risk"
    );
    expect(added?.tags).toEqual(["risk", "ambiguous"]);
    const bad = buildLibrary([{ name: "t.csv", text: csv("risky") }]).problems;
    expect(bad.map((p) => [p.column, p.message])).toEqual([
      ["tags", "must be one of risk, ambiguous, possibly_superseded"],
    ]);
  });

  describe("a valuation's basis in a CSV", () => {
    const CSV_HEADER =
      "deal_id,deal_title,deal_date,deal_status,key,value,unit,basis,status,document,section,as_of";
    const csvRow = (key: string, basis: string) =>
      `acme-2026,Acme round,2026,reported,${key},8e9,USD,${basis},reported,memo.pdf,Terms,2026`;
    const imported = (name: string, text: string) => {
      const { deals, problems } = buildLibrary([{ name, text }]);
      return { deal: findDeal(deals, "acme-2026"), problems };
    };
    /** The deal as a reader sees it: everything but which file each fact came from. */
    const withoutOrigins = (deal: LibraryDeal | undefined) =>
      deal && { ...deal, origins: [], facts: deal.facts.map((fact) => ({ ...fact, origin: "" })) };

    test("a basis column gives the same library deal as the same fact in JSON", () => {
      const fromCsv = imported("acme.csv", `${CSV_HEADER}\n${csvRow("valuation", "pre_money")}`);
      const json = JSON.stringify([
        {
          id: "acme-2026",
          title: "Acme round",
          date: "2026",
          status: "reported",
          parties: [],
          facts: [
            {
              key: "valuation",
              value: 8e9,
              unit: "USD",
              basis: "pre_money",
              status: "reported",
              source: { document: "memo.pdf", section: "Terms", as_of: "2026" },
            },
          ],
        },
      ]);
      const fromJson = imported("acme.json", json);
      expect([fromCsv.problems, fromJson.problems]).toEqual([[], []]);
      expect(fromCsv.deal?.facts[0].basis).toBe("pre_money");
      expect(withoutOrigins(fromCsv.deal)).toEqual(withoutOrigins(fromJson.deal));
    });

    test("a word JSON does not accept, or a basis its key contradicts, is a problem at its row and column", () => {
      const csv = [
        CSV_HEADER,
        csvRow("valuation", "pre-money"),
        csvRow("post_money", "pre_money"),
        csvRow("pre_money", "pre_money"),
      ].join("\n");
      const { deal, problems } = imported("acme.csv", csv);
      expect(deal).toBeUndefined();
      expect(problems.map((p) => [p.row, p.column, p.message])).toEqual([
        [2, "basis", "must be one of pre_money, post_money, not_stated"],
        [3, "basis", "a post_money fact has the basis post_money"],
      ]);
    });

    test("without the column, or with it blank, a fact has no basis, as before", () => {
      const without = imported(
        "acme.csv",
        `${CSV_HEADER.replace(",basis", "")}\n${csvRow("valuation", "").replace("USD,,", "USD,")}`
      );
      const blank = imported("acme.csv", `${CSV_HEADER}\n${csvRow("valuation", "")}`);
      expect([without.problems, blank.problems]).toEqual([[], []]);
      expect(without.deal?.facts[0]).not.toHaveProperty("basis");
      expect(withoutOrigins(blank.deal)).toEqual(withoutOrigins(without.deal));
    });
  });

  test("a bad header is reported before any row", () => {
    const { problems } = buildLibrary([
      { name: "h.csv", text: "deal_id,key,value,units,status\nx,y,1,USD,reported" },
    ]);
    expect(problems.map((p) => [p.row, p.column, p.message.split(";")[0]])).toEqual([
      [1, "units", "unknown column"],
      [1, "unit", "required column is missing"],
    ]);
  });

  test("a user deal extends a built-in one without changing it, and says which fact came from where", () => {
    const csv = [
      "deal_id,key,value,unit,qualifier,status,document,section,as_of",
      "amazon-anthropic-2023,tranche_option,3e9,USD,option,reported,memo.pdf,Terms,2024",
      "amazon-anthropic-2023,board_seats,0,count,,reported,memo.pdf,Terms,2024",
    ].join("\n");
    const builtinBefore = JSON.stringify(BUILTIN_LIBRARY);
    const { deals, problems } = buildLibrary([{ name: "mine.csv", text: csv }]);
    expect(problems).toEqual([]);
    expect(JSON.stringify(BUILTIN_LIBRARY)).toBe(builtinBefore);
    const deal = findDeal(deals, "amazon-anthropic-2023")!;
    expect(deal.origins).toEqual(["builtin", "mine.csv"]);
    const fact = (key: string) => deal.facts.find((f) => f.key === key)!;
    expect(fact("tranche_option")).toMatchObject({
      value: 3e9,
      origin: "mine.csv",
      replaces: "builtin",
    });
    expect(fact("tranche_initial")).toMatchObject({ value: 1.25e9, origin: "builtin" });
    expect(fact("board_seats")).toMatchObject({ value: 0, origin: "mine.csv" });
    expect(
      deal.facts.find((f) => f.key === "tranche_option" && f.origin === "builtin")
    ).toBeUndefined();
    const original = findDeal(BUILTIN_LIBRARY, "amazon-anthropic-2023")!;
    expect(original.facts.find((f) => f.key === "tranche_option")?.value).toBe(2.75e9);
  });

  test("a user fact that breaks a built-in derived fact is reported against the user's row", () => {
    const csv = [
      "deal_id,key,value,unit,status,document,section,as_of",
      "amazon-openai-2026,tranche_contingent,30e9,USD,reported,memo.pdf,Terms,2026",
    ].join("\n");
    const { problems } = buildLibrary([{ name: "mine.csv", text: csv }]);
    expect(problems).toEqual([
      {
        source: "mine.csv",
        row: 2,
        message:
          "builtin fact tranche_non_contingent: 15000000000 does not match its formula investment - tranche_contingent = 20000000000",
      },
    ]);
  });

  test("text cells stay text: formulas and signs in text fields are not evaluated or converted", () => {
    const csv = [
      "deal_id,deal_title,deal_date,deal_status,key,value,unit,qualifier,status,document,section,as_of",
      'odd-2026,"=HYPERLINK(""http://x"")",2026,reported,terms,+1,text,=1+1,reported,@doc,-section,2026',
      "odd-2026,,,,round_size,+1,USD,,reported,@doc,-section,2026",
    ].join("\n");
    const { deals, problems } = buildLibrary([{ name: "odd.csv", text: csv }]);
    expect(problems).toEqual([]);
    const deal = findDeal(deals, "odd-2026")!;
    expect(deal.title).toBe('=HYPERLINK("http://x")');
    expect(deal.facts[0]).toMatchObject({
      value: "+1",
      qualifier: "=1+1",
      source: { document: "@doc", section: "-section" },
    });
    expect(deal.facts[1].value).toBe(1);
  });

  test("an Excel table (rows of cells) reads like the CSV; numbers may arrive as numbers", () => {
    const rows = [
      [
        "deal_id",
        "deal_title",
        "deal_date",
        "deal_status",
        "key",
        "value",
        "unit",
        "status",
        "document",
        "section",
        "as_of",
      ],
      [
        "tbl-2026",
        "From a table",
        2026,
        "reported",
        "investment",
        2e9,
        "USD",
        "reported",
        "memo",
        "Terms",
        2026,
      ],
      [
        "tbl-2026",
        null,
        null,
        null,
        "year_founded",
        2019,
        "text",
        "reported",
        "memo",
        "Terms",
        2026,
      ],
    ];
    const { deals, problems } = buildLibrary([{ name: "DealSources", rows }]);
    expect(problems).toEqual([]);
    const deal = findDeal(deals, "tbl-2026")!;
    expect(deal.date).toBe("2026");
    expect(deal.facts.map((f) => f.value)).toEqual([2e9, "2019"]);
  });

  test("JSON problems are reported by path, every one", () => {
    const json = JSON.stringify({
      deals: [
        { id: "Bad Id", title: "x", date: "2026", status: "reported", parties: [], facts: [] },
        {
          id: "ok-2026",
          title: "x",
          date: "2026",
          status: "reported",
          parties: [],
          facts: [{ key: "investment", value: "4B", unit: "USD", status: "reported" }],
        },
        { id: "ok-2026", title: "again" },
      ],
    });
    const { problems } = buildLibrary([{ name: "bad.json", text: json }]);
    expect(problems.map((p) => p.path)).toEqual([
      "deals[2].id",
      "deals[0].id",
      "deals[0].facts",
      "deals[1].facts[0].value",
      "deals[1].facts[0].source",
      "deals[2].date",
      "deals[2].status",
      "deals[2].facts",
    ]);
    expect(buildLibrary([{ name: "x.json", text: "{not json" }]).problems[0].message).toMatch(
      /^not valid JSON/
    );
  });

  test("sources apply in order; a bad one is left out while good ones count", () => {
    const one =
      "deal_id,key,value,unit,status,document,section,as_of\nbaseten-round-2026,valuation,14e9,USD,reported,a,b,2026";
    const two =
      "deal_id,key,value,unit,status,document,section,as_of\nbaseten-round-2026,valuation,15e9,USD,reported,a,b,2026";
    const bad = "deal_id,key,value,unit,status\nbaseten-round-2026,valuation,lots,USD,reported";
    const { deals, problems } = buildLibrary([
      { name: "one.csv", text: one },
      { name: "bad.csv", text: bad },
      { name: "two.csv", text: two },
    ]);
    expect(problems.map((p) => p.source)).toEqual(["bad.csv", "bad.csv"]);
    const fact = findDeal(deals, "baseten-round-2026")!.facts.find((f) => f.key === "valuation")!;
    expect(fact).toMatchObject({ value: 15e9, origin: "two.csv", replaces: "one.csv" });
    expect(findDeal(deals, "baseten-round-2026")!.origins).toEqual([
      "builtin",
      "one.csv",
      "two.csv",
    ]);
  });

  test("a source must be CSV or JSON", () => {
    expect(applySource(BUILTIN_LIBRARY, { name: "deals.xlsx", text: "" }).problems[0].message).toBe(
      "a source must be a .csv or a .json file"
    );
  });
});
