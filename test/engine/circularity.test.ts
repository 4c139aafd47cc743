import fc from "fast-check";
import { CIRCULARITY, circulationByRow } from "../../src/engine/circularity";
import { callDealFunction, CellResult } from "../../src/functions/adapter";
import { bruteForceMax } from "./circulationReference";

type Row = [string, string, number];

const call = (flows: unknown, output?: string): CellResult =>
  callDealFunction(CIRCULARITY, [flows, output ?? null]);
const num = (flows: unknown, output?: string): number => {
  const result = call(flows, output);
  if (typeof result !== "number")
    throw new Error(`expected a number, got ${JSON.stringify(result)}`);
  return result;
};
const table = (flows: unknown, output: string): [string, number][] => {
  const result = call(flows, output);
  if (!Array.isArray(result)) throw new Error(`expected a table, got ${JSON.stringify(result)}`);
  return result as [string, number][];
};

const edgeKey = (from: string, to: string) => `${from}\u0000${to}`;

/** Capacities per (from, to), duplicates added. */
function capacities(rows: readonly Row[]): Map<string, number> {
  const caps = new Map<string, number>();
  for (const [from, to, amount] of rows)
    caps.set(edgeKey(from, to), (caps.get(edgeKey(from, to)) ?? 0) + amount);
  return caps;
}

/** Inflow minus outflow per party, sorted by name (test names are single upper-case letters). */
function netOf(flows: Iterable<[string, string, number]>): [string, number][] {
  const net = new Map<string, number>();
  for (const [from, to, amount] of flows) {
    net.set(from, (net.get(from) ?? 0) - amount);
    net.set(to, (net.get(to) ?? 0) + amount);
  }
  return [...net].sort(([a], [b]) => (a < b ? -1 : 1));
}

/**
 * The circulation the `cycles` spill describes, per (from, to), after checking each cycle is
 * simple, closed and has a positive amount.
 */
function circulationFromCycles(rows: readonly [string, number][]): Map<string, number> {
  const c = new Map<string, number>();
  for (const [text, amount] of rows) {
    expect(amount).toBeGreaterThan(0);
    const nodes = text.split(" → ");
    expect(nodes[0]).toBe(nodes[nodes.length - 1]);
    const inner = nodes.slice(0, -1);
    expect(new Set(inner).size).toBe(inner.length);
    for (let i = 0; i + 1 < nodes.length; i++) {
      c.set(
        edgeKey(nodes[i], nodes[i + 1]),
        (c.get(edgeKey(nodes[i], nodes[i + 1])) ?? 0) + amount
      );
    }
  }
  return c;
}

/**
 * Whether c is a maximum circulation: by LP duality, exactly when the residual graph (an arc
 * u→v of gain 1 where c < f, an arc v→u of gain −1 where c > 0) has no cycle of positive gain.
 * Bellman–Ford on cost = −gain finds a negative cycle if there is one.
 */
function hasImprovingCycle(
  nodes: readonly string[],
  caps: Map<string, number>,
  c: Map<string, number>
): boolean {
  const arcs: [string, string, number][] = [];
  for (const [key, cap] of caps) {
    const [from, to] = key.split("\u0000");
    const used = c.get(key) ?? 0;
    if (used < cap) arcs.push([from, to, -1]);
    if (used > 0) arcs.push([to, from, 1]);
  }
  const dist = new Map(nodes.map((v) => [v, 0]));
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const [from, to, cost] of arcs) {
      if ((dist.get(from) as number) + cost < (dist.get(to) as number)) {
        dist.set(to, (dist.get(from) as number) + cost);
        changed = true;
      }
    }
    if (!changed) return false;
  }
  return true;
}

const LETTERS = "ABCDEFGHIJKL";

/** Random flows among the first `nodes` letters, self-loops and duplicates included. */
const flowsArb = (nodes: number, maxEdges: number, maxAmount: number) =>
  fc.array(
    fc
      .tuple(fc.nat(nodes - 1), fc.nat(nodes - 1), fc.nat(maxAmount))
      .map(([a, b, amount]): Row => [LETTERS[a], LETTERS[b], amount]),
    // size "max": lengths spread over the whole range, not fast-check's default small sizes.
    { minLength: 1, maxLength: maxEdges, size: "max" }
  );

/** Checks the cycles spill against the flows: a circulation inside them, summing to circular_volume. */
function checkCycles(rows: readonly Row[], circular: number): Map<string, number> {
  const result = call(rows, "cycles");
  if (circular === 0) {
    expect(result).toEqual({ error: "#N/A", message: "cycles: no circular flows" });
    return new Map();
  }
  const cycles = table(rows, "cycles");
  const c = circulationFromCycles(cycles);
  const caps = capacities(rows);
  for (const [key, used] of c) expect(used).toBeLessThanOrEqual(caps.get(key) ?? -1);
  expect([...c.values()].reduce((a, b) => a + b, 0)).toBe(circular);
  // Largest amount first; ties by the cycle's text.
  for (let i = 1; i < cycles.length; i++) {
    const [[prevText, prev], [text, amount]] = [cycles[i - 1], cycles[i]];
    expect(prev > amount || (prev === amount && prevText < text)).toBe(true);
  }
  return c;
}

describe("CIRCULARITY on a graph where peeling cycles greedily stops short", () => {
  // Three simple cycles, and no others:
  //   X = A→B→C→D→A (4 arcs), Y = A→B→E→A (3 arcs), Z = C→D→F→C (3 arcs).
  // Capacities: A→B 2, B→C 2, C→D 2, D→A 2, B→E 1, E→A 1, D→F 1, F→C 1 (gross 12).
  // With x, y, z units on X, Y, Z, the volume is 4x + 3y + 3z, subject to x + y <= 2 (A→B),
  // x + z <= 2 (C→D), y <= 1, z <= 1. Since 4x + 3y + 3z = 2(x + y) + 2(x + z) + y + z <= 4 + 4 + 1 + 1,
  // the maximum is 10, reached only at x = y = z = 1.
  // A greedy peel takes X first either way: it has the largest bottleneck (2 against 1), and a
  // depth-first search from A in alphabetical order (A→B, then B→C before B→E, then D→A before
  // D→F) finds it first. Taking 2 units of X empties A→B and C→D, which kills Y and Z: 8, not 10.
  const flows: Row[] = [
    ["A", "B", 2],
    ["B", "C", 2],
    ["C", "D", 2],
    ["D", "A", 2],
    ["B", "E", 1],
    ["E", "A", 1],
    ["D", "F", 1],
    ["F", "C", 1],
  ];

  it("finds the true maximum, 10", () => {
    expect(num(flows)).toBe(10);
    expect(num(flows, "circular_volume")).toBe(10);
  });

  it("decomposes it into the three cycles, one unit each, ties in text order", () => {
    expect(call(flows, "cycles")).toEqual([
      ["A → B → C → D → A", 1],
      ["A → B → E → A", 1],
      ["C → D → F → C", 1],
    ]);
  });

  it("gives gross volume, share and net positions", () => {
    expect(num(flows, "gross_volume")).toBe(12);
    expect(num(flows, "circular_share")).toBe(10 / 12);
    // A: in 2 (D→A) + 1 (E→A), out 2; B: in 2, out 3; C: in 3, out 2; D: in 2, out 3.
    expect(call(flows, "net_positions")).toEqual([
      ["A", 1],
      ["B", -1],
      ["C", 1],
      ["D", -1],
      ["E", 0],
      ["F", 0],
    ]);
  });

  it('lists every field for "all", tables summarised in one cell', () => {
    expect(call(flows, "all")).toEqual([
      ["circular_volume", 10],
      ["gross_volume", 12],
      ["circular_share", 10 / 12],
      ["cycles", "A → B → C → D → A: 1; A → B → E → A: 1; C → D → F → C: 1"],
      ["net_positions", "A: 1; B: -1; C: 1; D: -1; E: 0; F: 0"],
      // The maximum is unique (x = y = z = 1): A→B carries x + y, C→D x + z, every other arc 1.
      ["by_flow", "2; 1; 2; 1; 1; 1; 1; 1"],
    ]);
  });
});

describe("CIRCULARITY against a brute force on small graphs", () => {
  it("circular_volume is the maximum over all integer circulations", () => {
    // Integer capacities make the LP's optimum integral (the constraint matrix is a network
    // matrix), so enumerating integer vectors finds the true maximum.
    fc.assert(
      fc.property(flowsArb(5, 7, 3), (rows) => {
        const index = (name: string) => LETTERS.indexOf(name);
        const expected = bruteForceMax(
          5,
          rows.map(([a, b, amount]) => [index(a), index(b), amount])
        );
        const circular = num(rows);
        expect(circular).toBe(expected);
        expect(num(rows, "gross_volume")).toBe(rows.reduce((sum, [, , amount]) => sum + amount, 0));
      }),
      { numRuns: 400 }
    );
  });

  it("cycles sum back to a circulation inside the flows, and net positions are unchanged without it", () => {
    fc.assert(
      fc.property(flowsArb(5, 7, 3), (rows) => {
        const circular = num(rows);
        const c = checkCycles(rows, circular);
        const expectedNet = netOf(rows);
        expect(call(rows, "net_positions")).toEqual(expectedNet);
        const remaining = [...capacities(rows)].map(([key, cap]): [string, string, number] => {
          const [from, to] = key.split("\u0000");
          return [from, to, cap - (c.get(key) ?? 0)];
        });
        expect(netOf(remaining)).toEqual(expectedNet);
      }),
      { numRuns: 300 }
    );
  });
});

describe("CIRCULARITY on larger graphs, checked by the optimality condition", () => {
  it("leaves no cycle that could carry more circulation", () => {
    fc.assert(
      fc.property(flowsArb(12, 60, 1000), (rows) => {
        const circular = num(rows);
        const c = checkCycles(rows, circular);
        const nodes = [...new Set(rows.flatMap(([a, b]) => [a, b]))];
        expect(hasImprovingCycle(nodes, capacities(rows), c)).toBe(false);
      }),
      { numRuns: 150 }
    );
  });
});

/**
 * Random flows in `clusters` groups of `size` parties each: flows inside a group at random, and
 * flows between groups either one way only (from an earlier group to a later one, so they lie on
 * no cycle) or both ways between the first parties of neighbouring groups (a bridge).
 */
const clusteredFlowsArb = (
  clusters: number,
  size: number,
  maxInside: number,
  maxBetween: number,
  maxAmount: number,
  joins: "one way" | "both ways"
) => {
  const party = (cluster: number, member: number) => LETTERS[cluster * size + member];
  const inside = fc
    .tuple(fc.nat(clusters - 1), fc.nat(size - 1), fc.nat(size - 1), fc.nat(maxAmount))
    .map(([c, a, b, amount]): Row => [party(c, a), party(c, b), amount]);
  const between = fc
    .tuple(
      fc.nat(clusters - 2),
      fc.nat(size - 1),
      fc.nat(size - 1),
      fc.boolean(),
      fc.nat(maxAmount)
    )
    .map(([c, a, b, back, amount]): Row => {
      if (joins === "one way")
        return [party(c, a), party(c + 1 + (b % (clusters - 1 - c)), b), amount];
      const [from, to] = [party(c, 0), party(c + 1, 0)];
      return back ? [to, from, amount] : [from, to, amount];
    });
  return fc
    .tuple(
      fc.array(inside, { minLength: 1, maxLength: maxInside, size: "max" }),
      fc.array(between, { minLength: 1, maxLength: maxBetween, size: "max" })
    )
    .chain(([a, b]) => fc.shuffledSubarray([...a, ...b], { minLength: a.length + b.length }));
};

const clusterOf = (name: string, size: number) => Math.floor(LETTERS.indexOf(name) / size);

describe("CIRCULARITY on webs of groups joined one way or by a single pair of parties", () => {
  for (const joins of ["one way", "both ways"] as const) {
    it(`matches the brute force when groups are joined ${joins}`, () => {
      fc.assert(
        fc.property(clusteredFlowsArb(3, 2, 4, 3, 3, joins), (rows) => {
          const index = (name: string) => LETTERS.indexOf(name);
          const expected = bruteForceMax(
            6,
            rows.map(([a, b, amount]) => [index(a), index(b), amount])
          );
          expect(num(rows)).toBe(expected);
          checkCycles(rows, expected);
        }),
        { numRuns: 200 }
      );
    });

    it(`leaves no cycle that could carry more when groups are joined ${joins}`, () => {
      fc.assert(
        fc.property(clusteredFlowsArb(4, 3, 40, 12, 1000, joins), (rows) => {
          const circular = num(rows);
          const c = checkCycles(rows, circular);
          const nodes = [...new Set(rows.flatMap(([a, b]) => [a, b]))];
          expect(hasImprovingCycle(nodes, capacities(rows), c)).toBe(false);
          if (joins === "one way") {
            // A flow from an earlier group to a later one can never come back: no cycle uses it.
            for (const key of c.keys()) {
              const [from, to] = key.split("\u0000");
              expect(clusterOf(from, 3)).toBe(clusterOf(to, 3));
            }
          }
        }),
        { numRuns: 100 }
      );
    });
  }
});

describe("CIRCULARITY on a long chain", () => {
  it("handles paths as long as the party list", () => {
    // P0 → P1 → … → Pn at 2 each, and Pn → P0 at 1: the one cycle carries 1 on each of n + 1 arcs.
    const n = 20000;
    const flows: Row[] = Array.from({ length: n }, (_, i): Row => [`P${i}`, `P${i + 1}`, 2]);
    flows.push([`P${n}`, "P0", 1]);
    expect(num(flows)).toBe(n + 1);
    expect(num(flows, "gross_volume")).toBe(2 * n + 1);
  });
});

describe("CIRCULARITY on a path of 20,000 flows with a flow back at every step", () => {
  it("circulates, between each pair of neighbours, the smaller of the two flows each way", () => {
    // The parties form a path, so a cycle can only go to a neighbour and back: the most that
    // circulates between P(k) and P(k+1) is the smaller flow, once each way. The forward amounts
    // rise then fall (the shape that took 37.7 s with the min-cost flow alone).
    const n = 20000;
    const pairs = n / 2;
    const flows: Row[] = [];
    let expected = 0;
    for (let k = 0; k < pairs; k++) {
      const forward = Math.min(k, pairs - k) + 1;
      const back = 1 + (k % 4);
      flows.push([`P${k}`, `P${k + 1}`, forward], [`P${k + 1}`, `P${k}`, back]);
      expected += 2 * Math.min(forward, back);
    }
    expect(num(flows)).toBe(expected);
  });
});

describe("CIRCULARITY on a ring of 20,000 flows that rise then fall, with a flow back at every step", () => {
  it("circulates 3p − 2 among p parties", () => {
    // P(k) → P(k+1) carries min(k, p − k) + 1 round a ring of p parties, P(k+1) → P(k) carries 1.
    // Every pair of neighbours has the same net flow t round the ring. With t = 1 the pair P0,
    // P1 (forward amount 1) carries just that unit and every other pair 1 + 2 (one unit each way
    // on top): 3p − 2. With t = 0 each pair carries at most 1 each way, 2p; t = −1 gives p.
    const p = 10000;
    const flows: Row[] = [];
    for (let k = 0; k < p; k++) {
      const next = (k + 1) % p;
      flows.push([`P${k}`, `P${next}`, Math.min(k, p - k) + 1], [`P${next}`, `P${k}`, 1]);
    }
    expect(num(flows)).toBe(3 * p - 2);
  });
});

describe("CIRCULARITY reads a flows range as Excel passes it", () => {
  it("takes a first row whose amount is not a number as a header, and skips blank rows", () => {
    const flows = [
      [null, null, null],
      ["From", "To", "Amount (USD B)"],
      ["A", "B", 5],
      ["", "", ""],
      ["B", "A", 3],
      ["  ", null, ""],
    ];
    expect(num(flows)).toBe(6);
    expect(num(flows, "gross_volume")).toBe(8);
  });

  it("adds up rows with the same from and to", () => {
    const flows = [
      ["A", "B", 1],
      ["A", "B", 2],
      ["B", "A", 3],
    ];
    expect(num(flows)).toBe(6);
    expect(call(flows, "cycles")).toEqual([["A → B → A", 3]]);
  });

  it("counts a row from a party to itself as wholly circular", () => {
    const flows = [
      ["X", "X", 5],
      ["X", "Y", 2],
    ];
    expect(num(flows)).toBe(5);
    expect(call(flows, "cycles")).toEqual([["X → X", 5]]);
    expect(call(flows, "net_positions")).toEqual([
      ["X", -2],
      ["Y", 2],
    ]);
  });

  it("reads numeric text, ignores extra columns, trims party names and keeps their case", () => {
    const flows = [
      [" A ", "B", "1,000", "note"],
      ["B", "A", "2.5e2", 999],
      ["b", "A", 7, null],
    ];
    // A → B 1000 and B → A 250 circulate 250 each way; "b" is a party of its own.
    expect(num(flows)).toBe(500);
    expect(call(flows, "net_positions")).toEqual([
      ["A", -743],
      ["B", 750],
      ["b", -7],
    ]);
  });

  it("adds amounts in decimal", () => {
    // 0.1 + 0.2 + 0.3 is 0.6 in decimal; in doubles it is 0.6000000000000001.
    const flows = [
      ["A", "B", 0.1],
      ["A", "B", 0.2],
      ["B", "A", 0.3],
    ];
    expect(num(flows, "gross_volume")).toBe(0.6);
    expect(num(flows)).toBe(0.6);
    expect(num(flows, "circular_share")).toBe(1);
  });
});

describe("CIRCULARITY's errors", () => {
  it("rejects a negative or non-numeric amount, naming the row", () => {
    expect(
      call([
        ["From", "To", "Amount"],
        ["A", "B", 1],
        ["B", "A", -1],
      ])
    ).toEqual({
      error: "#VALUE!",
      message: "flows row 3: amount must be at least 0 (got -1)",
    });
    expect(
      call([
        ["A", "B", 1],
        ["B", "A", "lots"],
      ])
    ).toEqual({
      error: "#VALUE!",
      message: 'flows row 2: amount must be a number (got "lots")',
    });
    expect(
      call([
        ["A", "B", 1],
        ["B", "A", null],
      ])
    ).toMatchObject({ error: "#VALUE!", message: /^flows row 2: amount/ });
    expect(
      call([
        ["A", "B", 1],
        ["B", "A", true],
      ])
    ).toMatchObject({ error: "#VALUE!", message: /^flows row 2: amount/ });
  });

  it("rejects an empty party name", () => {
    expect(call([["A", "  ", 1]])).toEqual({
      error: "#VALUE!",
      message: "flows row 1: to is empty",
    });
    expect(
      call([
        ["A", "B", 1],
        [null, "B", 1],
      ])
    ).toEqual({ error: "#VALUE!", message: "flows row 2: from is empty" });
  });

  it("needs at least three columns, and the argument itself", () => {
    expect(call([["A", "B"]])).toEqual({
      error: "#VALUE!",
      message: "flows needs at least 3 columns (from, to, amount), not a 1×2 range",
    });
    expect(call("A")).toMatchObject({ error: "#VALUE!" });
    expect(call(null)).toEqual({ error: "#VALUE!", message: "flows is required" });
  });

  it("gives #N/A for fields that have nothing to show", () => {
    const noCycle = [["A", "B", 5]];
    expect(num(noCycle)).toBe(0);
    expect(call(noCycle, "cycles")).toEqual({
      error: "#N/A",
      message: "cycles: no circular flows",
    });
    const allZero = [["A", "B", 0]];
    expect(call(allZero, "circular_share")).toMatchObject({
      error: "#N/A",
      message: /circular_share needs/,
    });
    const headerOnly = [["From", "To", "Amount"]];
    expect(num(headerOnly)).toBe(0);
    expect(call(headerOnly, "net_positions")).toMatchObject({ error: "#N/A" });
    expect(call(noCycle, "loops")).toMatchObject({
      error: "#N/A",
      message: /valid fields: circular_volume/,
    });
  });
});

describe("circulationByRow: each row's part of the maximum circulation", () => {
  it("is within its row, balanced at every party, and sums to circular_volume (rows with the same pair kept apart)", () => {
    fc.assert(
      fc.property(flowsArb(5, 8, 4), (rows) => {
        const parts = circulationByRow(rows.map(([from, to, amount]) => ({ from, to, amount })));
        expect(parts).toHaveLength(rows.length);
        const balance = new Map<string, number>();
        rows.forEach(([from, to, amount], i) => {
          expect(parts[i]).toBeGreaterThanOrEqual(0);
          expect(parts[i]).toBeLessThanOrEqual(amount);
          balance.set(from, (balance.get(from) ?? 0) - parts[i]);
          balance.set(to, (balance.get(to) ?? 0) + parts[i]);
        });
        for (const net of balance.values()) expect(net).toBe(0);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(num(rows, "circular_volume"));
      })
    );
  });

  it("gives an $8B round trip $8B on each leg: $16B counted on every leg", () => {
    expect(
      circulationByRow([
        { from: "Amazon", to: "Anthropic", amount: 8 },
        { from: "Anthropic", to: "Amazon", amount: 100 },
      ])
    ).toEqual([8, 8]);
  });
});

describe("CIRCULARITY by_flow: each row's part, one cell per row of the range", () => {
  /** The range as a sheet holds it: an optional header, the flows, blank rows scattered among them. */
  const rangeArb = fc
    .tuple(flowsArb(5, 7, 3), fc.boolean(), fc.array(fc.nat(7), { maxLength: 3 }))
    .map(([flows, header, blanksAt]) => {
      const range: unknown[][] = flows.map((row) => [...row]);
      for (const at of blanksAt) range.splice(Math.min(at, range.length), 0, ["", null, ""]);
      if (header) range.unshift(["From", "To", "Amount"]);
      return { flows, range };
    });

  it("is a maximum circulation (brute force), inside each row, balanced at every party, blank off the flow rows", () => {
    fc.assert(
      fc.property(rangeArb, ({ flows, range }) => {
        const column = call(range, "by_flow") as unknown[][];
        expect(column).toHaveLength(range.length);
        const isFlowRow = (row: unknown[]) => typeof row[2] === "number";
        // The flow rows' parts, in the range's order, are the flows' parts in theirs.
        const parts = column.filter((_, r) => isFlowRow(range[r])).map(([part]) => part as number);
        column.forEach(([cell], r) => {
          if (!isFlowRow(range[r])) expect(cell).toBe("");
        });
        expect(parts).toHaveLength(flows.length);
        const balance = new Map<string, number>();
        flows.forEach(([from, to, amount], i) => {
          expect(parts[i]).toBeGreaterThanOrEqual(0);
          expect(parts[i]).toBeLessThanOrEqual(amount);
          balance.set(from, (balance.get(from) ?? 0) - parts[i]);
          balance.set(to, (balance.get(to) ?? 0) + parts[i]);
        });
        for (const net of balance.values()) expect(net).toBe(0);
        const index = (name: string) => LETTERS.indexOf(name);
        const most = bruteForceMax(
          5,
          flows.map(([a, b, amount]) => [index(a), index(b), amount])
        );
        expect(parts.reduce((a, b) => a + b, 0)).toBe(most);
        expect(num(range, "circular_volume")).toBe(most);
      }),
      { numRuns: 300 }
    );
  });

  it("gives the round trip's smaller leg to both legs, and nothing to a flow on no cycle", () => {
    // Amazon ⇄ Anthropic carries min(13, 100) = 13 each way; Microsoft → OpenAI is on no cycle.
    const range = [
      ["From", "To", "Amount"],
      ["Amazon", "Anthropic", 13],
      [null, null, null],
      ["Anthropic", "Amazon", 100],
      ["Microsoft", "OpenAI", 13],
    ];
    expect(call(range, "by_flow")).toEqual([[""], [13], [""], [13], [0]]);
  });

  it("is a column of blanks when the range has a header and no flow", () => {
    expect(call([["From", "To", "Amount"]], "by_flow")).toEqual([[""]]);
  });
});
