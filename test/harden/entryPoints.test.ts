/** Issue 11, items 6 and 10: CIRCULARITY at scale and on a mistyped first row, the CLI's input and output. */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import { parseCliArg } from "../../src/cli/call";
import { terminalText } from "../../src/cli/terminal";
import { circularity, parseFlows } from "../../src/engine/circularity";
import { findFunction } from "../../src/functions/catalog";
import { callDealFunction } from "../../src/functions/adapter";

const CIRCULARITY = findFunction("CIRCULARITY");

describe("CIRCULARITY", () => {
  test("a ring of 200,000 parties is one cycle carrying the smallest amount", () => {
    const n = 200000;
    // Amounts 1..3 in turn, so the ring's smallest flow, 1, is what goes all the way round.
    const flows = Array.from({ length: n }, (_, i) => ({
      from: `P${i}`,
      to: `P${(i + 1) % n}`,
      amount: 1 + (i % 3),
    }));
    const result = circularity(flows);
    expect(result.circular_volume()).toBe(n);
    const cycles = result.cycles();
    expect(cycles).toHaveLength(1);
    expect(cycles[0][1]).toBe(1);
  });

  test('a first row whose amount is "$100" is a mistyped amount, not a header', () => {
    const rows = [
      ["A", "B", "$100"],
      ["B", "A", 20],
    ];
    expect(() => parseFlows(rows)).toThrow('flows row 1: amount must be a number (got "$100")');
    // A real header is still skipped, and numeric text is read as a number.
    expect(
      parseFlows([
        ["from", "to", "amount"],
        ["A", "B", "100"],
      ])
    ).toEqual([{ from: "A", to: "B", amount: 100 }]);
  });
});

describe("dealloop call", () => {
  test("0x10, 0b101 and 0o7 are text, which a function rejects as a cell does", () => {
    for (const text of ["0x10", "0b101", "0o7", "Infinity"]) expect(parseCliArg(text)).toBe(text);
    expect(parseCliArg(" 12.5 ")).toBe(12.5);
    expect(parseCliArg("-1e9")).toBe(-1e9);
    const fn = findFunction("VALUATION_STEP");
    if (!fn || !CIRCULARITY) throw new Error("catalog");
    const fromCli = callDealFunction(fn, [parseCliArg("0x10"), 100]);
    const fromCell = callDealFunction(fn, ["0x10", 100]);
    expect(fromCli).toEqual(fromCell);
    expect(fromCli).toMatchObject({ error: "#VALUE!" });
  });
});

describe("printing source text to a terminal", () => {
  test("ESC and OSC sequences, carriage returns and bidi overrides are shown, not obeyed", () => {
    const hostile = "Acme\u001b[2J\u001b]0;title\u0007\r0 problems\u202eevil\u009b";
    expect(terminalText(hostile)).toBe(
      "Acme\\u001b[2J\\u001b]0;title\\u0007\\u000d0 problems\\u202eevil\\u009b"
    );
    expect(terminalText("line 1\n\tline 2 · € ✓")).toBe("line 1\n\tline 2 · € ✓");
  });
});

describe("dealloop deals with a hostile source, as a terminal receives it", () => {
  test("an OSC sequence in a source's text reaches the terminal as escapes", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dealloop-hostile-"));
    try {
      const csv = path.join(dir, "hostile.csv");
      // A parties cell without "name: role" is echoed in its problem: the hostile text with it.
      writeFileSync(
        csv,
        "deal_id,deal_title,deal_date,deal_status,parties,key,value,unit,status,document,section,as_of\n" +
          "acme-2026,Acme,2026,reported,\u001b]0;owned\u0007,investment,1,USD,reported,m,s,2026\n"
      );
      const run = spawnSync(
        process.execPath,
        [require.resolve("tsx/cli"), "src/cli/main.ts", "deals", "--sources", csv],
        { cwd: path.resolve(__dirname, "../.."), encoding: "utf8" }
      );
      expect(run.status).toBe(1);
      for (const control of ["\u001b", "\u0007"]) expect(run.stderr).not.toContain(control);
      // The OSC sequence (split at its ";" by the parties rule) is shown, not obeyed.
      expect(run.stderr).toContain('(got "\\u001b]0")');
      expect(run.stderr).toContain('(got "owned\\u0007")');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
