/**
 * Maximum circulation inside capacities, and its decomposition into simple cycles: the graph
 * algorithm behind CIRCULARITY. Amounts are exact integers (bigint); nodes and arcs are indices.
 *
 * A circulation c with 0 <= c <= f is what is left of the flows f once a "clearing" flow g = f − c
 * is taken out; g keeps every node's net position, so Σc is largest exactly when Σg is smallest.
 * That is a min-cost flow: ship each node's net outflow b_v = out_v − in_v to the nodes with net
 * inflow, over arcs of capacity f_e and cost 1 a unit (g = f is feasible, so all of it ships).
 * Solved exactly by the primal–dual method: Dijkstra on reduced costs sets the potentials, then a
 * blocking flow (Dinic) on the arcs of reduced cost 0. Costs are integers and the cheapest path's
 * cost rises by at least 1 a phase, so there are at most about n phases.
 */

export interface Arc {
  from: number;
  to: number;
  capacity: bigint;
}

export interface Cycle {
  /** The nodes in order, starting at the cycle's smallest index; the arc back to the first is implied. */
  nodes: number[];
  amount: bigint;
}

/** A residual graph: arc 2k is input arc k (cost 1), arc 2k + 1 its reverse (cost −1). */
class Residual {
  readonly head: Int32Array;
  readonly next: number[] = [];
  readonly to: number[] = [];
  readonly cost: number[] = [];
  readonly cap: bigint[] = [];

  constructor(nodeCount: number) {
    this.head = new Int32Array(nodeCount).fill(-1);
  }

  add(from: number, to: number, capacity: bigint, cost: number): void {
    this.push(from, to, capacity, cost);
    this.push(to, from, 0n, -cost);
  }

  private push(from: number, to: number, capacity: bigint, cost: number): void {
    this.to.push(to);
    this.cap.push(capacity);
    this.cost.push(cost);
    this.next.push(this.head[from]);
    this.head[from] = this.to.length - 1;
  }
}

/** A binary min-heap of nodes keyed by distance (lazy deletion: stale entries are skipped). */
class Heap {
  private readonly keys: number[] = [];
  private readonly nodes: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, node: number): void {
    let i = this.keys.length;
    this.keys.push(key);
    this.nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[i] = this.keys[parent];
      this.nodes[i] = this.nodes[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  /** Removes the smallest entry and returns [key, node]. */
  pop(): [number, number] {
    const top: [number, number] = [this.keys[0], this.nodes[0]];
    const lastKey = this.keys.pop() as number;
    const lastNode = this.nodes.pop() as number;
    const n = this.keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && this.keys[child + 1] < this.keys[child]) child++;
        if (this.keys[child] >= lastKey) break;
        this.keys[i] = this.keys[child];
        this.nodes[i] = this.nodes[child];
        i = child;
      }
      this.keys[i] = lastKey;
      this.nodes[i] = lastNode;
    }
    return top;
  }
}

/** Min-cost flow from `source` to `sink` of `demand` units (which must be feasible), in place on `g`. */
function primalDual(g: Residual, source: number, sink: number, demand: bigint): void {
  const n = g.head.length;
  const potential = new Float64Array(n);
  const dist = new Float64Array(n);
  const level = new Int32Array(n);
  const iter = new Int32Array(n);
  const reducedCost = (u: number, e: number) => g.cost[e] + potential[u] - potential[g.to[e]];

  // Dijkstra over residual arcs; then potential += min(dist, dist[sink]) keeps every reduced cost
  // >= 0 and makes each arc of a cheapest path to the sink cost 0.
  const reprice = (): void => {
    dist.fill(Infinity);
    dist[source] = 0;
    const heap = new Heap();
    heap.push(0, source);
    while (heap.size > 0) {
      const [d, u] = heap.pop();
      if (d > dist[u]) continue;
      for (let e = g.head[u]; e !== -1; e = g.next[e]) {
        if (g.cap[e] === 0n) continue;
        const v = g.to[e];
        const candidate = d + reducedCost(u, e);
        if (candidate < dist[v]) {
          dist[v] = candidate;
          heap.push(candidate, v);
        }
      }
    }
    // The demand is feasible (the flows themselves ship it), so the sink stays reachable.
    if (dist[sink] === Infinity) throw new Error("circulation: infeasible clearing flow");
    for (let v = 0; v < n; v++) potential[v] += Math.min(dist[v], dist[sink]);
  };

  const admissible = (u: number, e: number) => g.cap[e] > 0n && reducedCost(u, e) === 0;

  const buildLevels = (): boolean => {
    level.fill(-1);
    level[source] = 0;
    const queue = [source];
    for (let head = 0; head < queue.length; head++) {
      const u = queue[head];
      for (let e = g.head[u]; e !== -1; e = g.next[e]) {
        const v = g.to[e];
        if (level[v] === -1 && admissible(u, e)) {
          level[v] = level[u] + 1;
          queue.push(v);
        }
      }
    }
    return level[sink] !== -1;
  };

  // One augmenting path along the level graph, found without recursion (paths can be as long as
  // there are parties); iter[u] skips arcs already found saturated or leading to dead ends.
  const path: number[] = [];
  const augment = (limit: bigint): bigint => {
    path.length = 0;
    let u = source;
    while (u !== sink) {
      let e = iter[u];
      while (e !== -1 && (level[g.to[e]] !== level[u] + 1 || !admissible(u, e))) e = g.next[e];
      iter[u] = e;
      if (e !== -1) {
        path.push(e);
        u = g.to[e];
      } else if (u === source) {
        return 0n;
      } else {
        // A dead end: step back and never try the arc into it again this round.
        const back = path.pop() as number;
        u = g.to[back ^ 1];
        iter[u] = g.next[iter[u]];
      }
    }
    const amount = path.reduce((min, e) => (g.cap[e] < min ? g.cap[e] : min), limit);
    for (const e of path) {
      g.cap[e] -= amount;
      g.cap[e ^ 1] += amount;
    }
    return amount;
  };

  let shipped = 0n;
  while (shipped < demand) {
    reprice();
    while (shipped < demand && buildLevels()) {
      iter.set(g.head);
      let sent: bigint;
      while (shipped < demand && (sent = augment(demand - shipped)) > 0n) shipped += sent;
    }
  }
}

/**
 * The maximum circulation inside `arcs`: for each arc, c with 0 <= c <= capacity, inflow equal
 * to outflow at every node, Σc as large as possible. A self-loop is wholly circular.
 */
export function maxCirculation(nodeCount: number, arcs: readonly Arc[]): bigint[] {
  const source = nodeCount;
  const sink = nodeCount + 1;
  const g = new Residual(nodeCount + 2);
  const netOutflow: bigint[] = new Array(nodeCount).fill(0n);
  for (const { from, to, capacity } of arcs) {
    // Self-loops are added too (they never lie on a cheapest path), so arc k stays residual arc 2k.
    g.add(from, to, capacity, 1);
    netOutflow[from] += capacity;
    netOutflow[to] -= capacity;
  }
  let demand = 0n;
  netOutflow.forEach((b, v) => {
    if (b > 0n) {
      g.add(source, v, b, 0);
      demand += b;
    } else if (b < 0n) {
      g.add(v, sink, -b, 0);
    }
  });
  primalDual(g, source, sink, demand);
  // What the clearing flow left on an arc is the circulation on it.
  return arcs.map((_, k) => g.cap[2 * k]);
}

/**
 * Splits a circulation into simple cycles with positive amounts whose sum is `flow` on every arc.
 * Deterministic: walks start at the smallest node with flow left and follow each node's arcs in
 * the order given; each cycle found empties at least one arc, so there are at most arcs.length.
 */
export function decomposeCycles(
  nodeCount: number,
  arcs: readonly Arc[],
  flow: readonly bigint[]
): Cycle[] {
  const left = [...flow];
  const outArcs: number[][] = Array.from({ length: nodeCount }, () => []);
  arcs.forEach((arc, k) => outArcs[arc.from].push(k));
  const cursor = new Int32Array(nodeCount);
  /** The next arc out of u that still carries flow, or −1 (arcs once empty stay empty). */
  const nextArc = (u: number): number => {
    const list = outArcs[u];
    while (cursor[u] < list.length && left[list[cursor[u]]] === 0n) cursor[u]++;
    return cursor[u] < list.length ? list[cursor[u]] : -1;
  };

  const cycles: Cycle[] = [];
  const position = new Int32Array(nodeCount).fill(-1);
  for (let start = 0; start < nodeCount; start++) {
    // The walk from `start`: its nodes and the arcs between them. Conservation means a node the
    // walk enters has flow out, so it can only end by closing a cycle.
    const path: number[] = [];
    const pathArcs: number[] = [];
    let u = start;
    while (nextArc(start) !== -1 || path.length > 0) {
      if (position[u] === -1) {
        position[u] = path.length;
        path.push(u);
        const k = nextArc(u);
        pathArcs.push(k);
        u = arcs[k].to;
        continue;
      }
      // u closes a cycle: the path from u's position on.
      const at = position[u];
      const cycleArcs = pathArcs.slice(at);
      const amount = cycleArcs.reduce(
        (min, k) => (left[k] < min ? left[k] : min),
        left[cycleArcs[0]]
      );
      for (const k of cycleArcs) left[k] -= amount;
      const nodes = path.slice(at);
      for (const v of nodes) position[v] = -1;
      path.length = at;
      pathArcs.length = at;
      // A loop, not Math.min(...nodes): a cycle can have more nodes than a call has arguments.
      let first = 0;
      nodes.forEach((v, i) => {
        if (v < nodes[first]) first = i;
      });
      cycles.push({
        nodes: [...nodes.slice(first), ...nodes.slice(0, first)],
        amount,
      });
      // Walk on from u, whose remaining path back to `start` still carries flow.
    }
  }
  return cycles;
}
