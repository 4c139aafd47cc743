/**
 * The maximum-circulation solver on exact amounts, against references that share nothing with
 * it: a brute force over every integer circulation, the LP optimality condition, and scaling.
 */
import fc from "fast-check";
import { Arc, maxCirculation } from "../../src/engine/circulation";
import { bruteForceMax, hasImprovingCycle } from "./circulationReference";

const NODES = 7;

/**
 * Arcs among NODES nodes from the given amounts: self-loops, several arcs between one pair and
 * zero amounts included, and, half the time, nodes 0–2 and 3–6 as two parts no arc joins.
 */
const arcsArb = (amount: fc.Arbitrary<bigint>, maxArcs: number) =>
  fc
    .tuple(
      fc.boolean(),
      fc.array(fc.tuple(fc.nat(NODES - 1), fc.nat(NODES - 1), amount), {
        minLength: 1,
        maxLength: maxArcs,
        size: "max",
      })
    )
    .map(([parts, rows]): Arc[] =>
      rows.map(([from, to, capacity]) => {
        // Each arc kept inside the part its tail is in (a permutation of that part's nodes).
        const inPart = (v: number) => (!parts ? v : from < 3 ? v % 3 : 3 + (v % 4));
        return { from: inPart(from), to: inPart(to), capacity };
      })
    );

/** 0 <= c <= capacity on every arc and inflow = outflow at every node. */
function expectCirculation(arcs: readonly Arc[], c: readonly bigint[]): void {
  expect(c).toHaveLength(arcs.length);
  const net: bigint[] = new Array(NODES).fill(0n);
  arcs.forEach(({ from, to, capacity }, k) => {
    expect(c[k] >= 0n && c[k] <= capacity).toBe(true);
    net[from] -= c[k];
    net[to] += c[k];
  });
  expect(net.every((x) => x === 0n)).toBe(true);
}

const total = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n);
const smallAmount = fc.bigInt({ min: 0n, max: 3n });
const hugeAmount = fc.oneof(
  fc.bigInt({ min: 0n, max: 3n }),
  fc.bigInt({ min: 10n ** 14n, max: 10n ** 16n })
);

describe("maxCirculation", () => {
  it("matches a brute force over every integer circulation on small graphs", () => {
    // Integer capacities make the LP's optimum integral (a network matrix), so enumerating
    // integer vectors finds the true maximum.
    fc.assert(
      fc.property(arcsArb(smallAmount, 7), (arcs) => {
        const c = maxCirculation(NODES, arcs);
        expectCirculation(arcs, c);
        const edges = arcs.map((a): [number, number, number] => [a.from, a.to, Number(a.capacity)]);
        expect(Number(total(c))).toBe(bruteForceMax(NODES, edges));
      }),
      { numRuns: 300 }
    );
  });

  it("scales exactly: amounts times a 15-digit factor circulate that factor times as much", () => {
    // The LP is homogeneous: c is optimal for f exactly when K·c is for K·f.
    fc.assert(
      fc.property(
        arcsArb(smallAmount, 7),
        fc.bigInt({ min: 10n ** 14n, max: 10n ** 15n }),
        (arcs, factor) => {
          const scaled = arcs.map((a) => ({ ...a, capacity: a.capacity * factor }));
          const c = maxCirculation(NODES, scaled);
          expectCirculation(scaled, c);
          const edges = arcs.map((a): [number, number, number] => [
            a.from,
            a.to,
            Number(a.capacity),
          ]);
          expect(total(c)).toBe(BigInt(bruteForceMax(NODES, edges)) * factor);
        }
      ),
      { numRuns: 200 }
    );
  });

  it("leaves no cycle that could carry more, with amounts from 0 to 10^16 mixed", () => {
    fc.assert(
      fc.property(arcsArb(hugeAmount, 20), (arcs) => {
        const c = maxCirculation(NODES, arcs);
        expectCirculation(arcs, c);
        expect(hasImprovingCycle(NODES, arcs, c)).toBe(false);
      }),
      { numRuns: 400 }
    );
  });
});
