/** Exact references for the circulation tests, independent of the solver. */

/** The largest Σc over all integer vectors 0 <= c_e <= f_e with inflow = outflow everywhere. */
export function bruteForceMax(
  nodeCount: number,
  edges: readonly [number, number, number][]
): number {
  const net = new Array(nodeCount).fill(0);
  let best = 0;
  const visit = (e: number, total: number): void => {
    if (e === edges.length) {
      if (net.every((x) => x === 0)) best = Math.max(best, total);
      return;
    }
    const [from, to, cap] = edges[e];
    for (let c = 0; c <= cap; c++) {
      net[from] -= c;
      net[to] += c;
      visit(e + 1, total + c);
      net[from] += c;
      net[to] -= c;
    }
  };
  visit(0, 0);
  return best;
}

/**
 * Whether c can be improved: by LP duality a circulation is maximum exactly when its residual
 * graph (u→v of gain 1 where c < f, v→u of gain −1 where c > 0) has no cycle of positive gain.
 * Bellman–Ford on cost = −gain finds a negative cycle when it still relaxes after nodeCount rounds.
 */
export function hasImprovingCycle(
  nodeCount: number,
  arcs: readonly { from: number; to: number; capacity: bigint }[],
  c: readonly bigint[]
): boolean {
  const residual: [number, number, number][] = [];
  arcs.forEach(({ from, to, capacity }, k) => {
    if (c[k] < capacity) residual.push([from, to, -1]);
    if (c[k] > 0n) residual.push([to, from, 1]);
  });
  const dist = new Array(nodeCount).fill(0);
  for (let round = 0; round < nodeCount; round++) {
    let changed = false;
    for (const [from, to, cost] of residual) {
      if (dist[from] + cost < dist[to]) {
        dist[to] = dist[from] + cost;
        changed = true;
      }
    }
    if (!changed) return false;
  }
  return true;
}
