/**
 * Every DEAL function against at least 1,000 random and hostile argument lists, in the shapes
 * Excel can send (and some it cannot): the adapter never throws, never returns NaN or Infinity,
 * and answers only with a number, a text, a table of those, or a documented Excel error with a
 * message that is ours (a defect would surface as a bare #NUM! without one).
 */
import fc from "fast-check";
import { CellResult, callDealFunction, isCellError } from "../../src/functions/adapter";
import { FUNCTION_CATALOG } from "../../src/functions/catalog";

const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ min: -2, max: 2, noNaN: true }),
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    1e-300,
    5e-324,
    1e308,
    -1e308,
    Number.MAX_VALUE,
    NaN,
    Infinity,
    -Infinity
  )
);
const hostileText = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "",
    " ",
    "1e9",
    "35%",
    "1,000",
    "4B",
    "=1+1",
    "+1",
    "-",
    "@SUM(A1)",
    "NaN",
    "Infinity",
    "all",
    "ALL"
  ),
  fc.constantFrom(
    "1e999",
    "-1e999",
    "0x10",
    "null",
    "undefined",
    "on_trigger",
    "at_deadline",
    "\u0000",
    "💥"
  )
);
const hostileCell = fc.oneof(
  hostileNumber,
  hostileText,
  fc.boolean(),
  fc.constantFrom(null, undefined)
);
const hostileRange = fc.oneof(
  fc.array(fc.array(hostileCell, { maxLength: 4 }), { maxLength: 5 }),
  fc.array(
    fc.tuple(
      fc.constantFrom("A", "B", "C", "D", ""),
      fc.constantFrom("A", "B", "C", "D"),
      hostileNumber
    ),
    {
      maxLength: 8,
    }
  ),
  fc.constantFrom([], [[]], [[null]], [[1, 2], [3]])
);
const hostileArg = fc.oneof(
  { weight: 3, arbitrary: hostileCell },
  { weight: 1, arbitrary: hostileRange },
  { weight: 1, arbitrary: fc.constantFrom({}, { error: "#VALUE!" }, () => 1) }
);

const DOCUMENTED = new Set(["#VALUE!", "#N/A", "#NUM!"]);

function problemsIn(result: CellResult): string[] {
  const cells = Array.isArray(result) ? result.flat() : [result];
  if (Array.isArray(result) && result.some((row) => !Array.isArray(row)))
    return ["a spill that is not 2-D"];
  return cells.flatMap((cell) => {
    if (typeof cell === "number") return Number.isFinite(cell) ? [] : [`non-finite number ${cell}`];
    if (typeof cell === "string") return [];
    if (isCellError(cell)) {
      if (!DOCUMENTED.has(cell.error)) return [`undocumented error ${cell.error}`];
      if (!cell.message) return [`${cell.error} without a message: an unexpected exception`];
      if (/DecimalError|TypeError|undefined is|Cannot read/.test(cell.message))
        return [`leaked text: ${cell.message}`];
      return [];
    }
    return [`unexpected cell ${JSON.stringify(cell)}`];
  });
}

describe.each(FUNCTION_CATALOG.map((fn) => [fn.name, fn] as const))("fuzz %s", (_, fn) => {
  const outputs = fc.oneof(
    fc.constantFrom(null, "all", "ALL", " All ", "nope", 3),
    fc.constantFrom(...fn.fields)
  );

  it("answers 1,000 hostile argument lists with only documented results", () => {
    fc.assert(
      fc.property(fc.array(hostileArg, { maxLength: fn.params.length + 2 }), (args) => {
        expect(problemsIn(callDealFunction(fn, args))).toEqual([]);
      }),
      { numRuns: 1000 }
    );
  });

  it("answers 1,000 plausible argument lists (right arity, any output) with only documented results", () => {
    const plausible = fn.params.map((p) =>
      p.kind === "table" || p.kind === "numberList"
        ? fc.oneof(hostileRange, hostileNumber)
        : fc.oneof(hostileNumber, hostileCell)
    );
    fc.assert(
      fc.property(fc.tuple(...plausible), outputs, (args, output) => {
        expect(problemsIn(callDealFunction(fn, [...args, output]))).toEqual([]);
      }),
      { numRuns: 1000 }
    );
  });
});

describe("fuzz LOOK_THROUGH's root search", () => {
  const LOOK_THROUGH = FUNCTION_CATALOG.find((fn) => fn.name === "LOOK_THROUGH")!;
  // amounts from 1e-300 to 1e300 in one schedule: the NPV polynomial's doubles must not overflow
  const extreme = fc.oneof(
    fc.constant(0),
    fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
    fc.integer({ min: 1, max: 100 })
  );
  const list = fc.array(extreme, { minLength: 1, maxLength: 40 }).map((v) => v.map((x) => [x]));

  it("answers irr, payback_period and all with only documented results on extreme schedules", () => {
    fc.assert(
      fc.property(
        list,
        list,
        fc.double({ min: -1, max: 1, noNaN: true }),
        list,
        fc.constantFrom("irr", "payback_period", "breakeven_margin", "all"),
        (investments, spend, margin, capex, output) => {
          const args = [investments, spend, margin, 0.2, capex, 1e9, 0.1, 0.9, null, output];
          expect(problemsIn(callDealFunction(LOOK_THROUGH, args))).toEqual([]);
        }
      ),
      { numRuns: 300 }
    );
  });
});
