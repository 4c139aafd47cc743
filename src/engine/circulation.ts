/**
 * Maximum circulation inside capacities, and its decomposition into simple cycles: the graph
 * algorithm behind CIRCULARITY. Amounts are exact integers (bigint); nodes and arcs are indices.
 *
 * Two reductions first settle the arcs whose circulation follows from the shape alone:
 * - an arc between two strongly connected components lies on no cycle: it carries none;
 * - across a bridge (a pair of parties whose arcs, either way, are the only link between two
 *   parts of the web) as much circulates one way as the other, and each part's circulation is
 *   independent of the other's, so the most is the smaller of the two directions' totals.
 * Together they settle every web shaped like a tree of links (a path of deals with flows back,
 * a hub with round trips) in linear time.
 *
 * What is left is solved as a min-cost flow. A circulation c with 0 <= c <= f is what is left of
 * the flows f once a "clearing" flow g = f − c is taken out; g keeps every node's net position, so
 * Σc is largest exactly when Σg is smallest: ship each node's net outflow b_v = out_v − in_v to
 * the nodes with net inflow, over arcs of capacity f_e and cost 1 a unit (g = f is feasible, so
 * all of it ships). Solved exactly by the primal–dual method: Dijkstra on reduced costs sets the
 * potentials, then a blocking flow (Dinic) on the arcs of reduced cost 0. Costs are integers and
 * the cheapest path's cost rises by at least 1 a phase, so there are at most about n phases.
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
 * Each node's strongly connected component (Tarjan's algorithm, without recursion: a path can be
 * as long as there are parties).
 */
function components(nodeCount: number, arcs: readonly Arc[]): Int32Array {
  const first = new Int32Array(nodeCount + 1);
  for (const { from } of arcs) first[from + 1]++;
  for (let v = 0; v < nodeCount; v++) first[v + 1] += first[v];
  const targets = new Int32Array(arcs.length);
  const fill = first.slice(0, nodeCount);
  for (const { from, to } of arcs) targets[fill[from]++] = to;

  const order = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const component = new Int32Array(nodeCount).fill(-1);
  const nextArc = new Int32Array(nodeCount);
  const open = new Int32Array(nodeCount); // Tarjan's stack: visited nodes with no component yet
  const calls = new Int32Array(nodeCount); // the depth-first path
  let openCount = 0;
  let visited = 0;
  let componentCount = 0;
  const visit = (v: number) => {
    order[v] = low[v] = visited++;
    nextArc[v] = first[v];
    open[openCount++] = v;
  };
  for (let root = 0; root < nodeCount; root++) {
    if (order[root] !== -1) continue;
    visit(root);
    calls[0] = root;
    for (let depth = 0; depth >= 0;) {
      const v = calls[depth];
      if (nextArc[v] < first[v + 1]) {
        const w = targets[nextArc[v]++];
        if (order[w] === -1) {
          visit(w);
          calls[++depth] = w;
        } else if (component[w] === -1) {
          low[v] = Math.min(low[v], order[w]);
        }
        continue;
      }
      if (low[v] === order[v]) {
        let w: number;
        do {
          w = open[--openCount];
          component[w] = componentCount;
        } while (w !== v);
        componentCount++;
      }
      if (--depth >= 0) low[calls[depth]] = Math.min(low[calls[depth]], low[v]);
    }
  }
  return component;
}

/** The maximum circulation by the min-cost clearing flow (see the top of this file). */
function circulationByClearing(nodeCount: number, arcs: readonly Arc[]): bigint[] {
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
 * The links (unordered pairs of nodes joined by arcs, either way) that are bridges: removing one
 * disconnects its two ends. Found by depth-first search with low points, without recursion.
 */
function bridges(nodeCount: number, ends: readonly [number, number][]): Uint8Array {
  const first = new Int32Array(nodeCount + 1);
  for (const [u, v] of ends) {
    first[u + 1]++;
    first[v + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) first[v + 1] += first[v];
  const fill = first.slice(0, nodeCount);
  const neighbour = new Int32Array(2 * ends.length);
  const link = new Int32Array(2 * ends.length);
  ends.forEach(([u, v], l) => {
    neighbour[fill[u]] = v;
    link[fill[u]++] = l;
    neighbour[fill[v]] = u;
    link[fill[v]++] = l;
  });
  const isBridge = new Uint8Array(ends.length);
  const order = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const nextEdge = new Int32Array(nodeCount);
  const parentLink = new Int32Array(nodeCount);
  const calls = new Int32Array(nodeCount);
  let visited = 0;
  for (let root = 0; root < nodeCount; root++) {
    if (order[root] !== -1) continue;
    order[root] = low[root] = visited++;
    nextEdge[root] = first[root];
    parentLink[root] = -1;
    calls[0] = root;
    for (let depth = 0; depth >= 0;) {
      const v = calls[depth];
      if (nextEdge[v] < first[v + 1]) {
        const e = nextEdge[v]++;
        if (link[e] === parentLink[v]) continue;
        const w = neighbour[e];
        if (order[w] === -1) {
          order[w] = low[w] = visited++;
          nextEdge[w] = first[w];
          parentLink[w] = link[e];
          calls[++depth] = w;
        } else {
          low[v] = Math.min(low[v], order[w]);
        }
        continue;
      }
      if (--depth >= 0) {
        const u = calls[depth];
        low[u] = Math.min(low[u], low[v]);
        // Nothing below v reaches above it except through the link to u.
        if (low[v] > order[u]) isBridge[parentLink[v]] = 1;
      }
    }
  }
  return isBridge;
}

/**
 * Settles the arcs of every bridge link among `open` (arc indices) and returns the others.
 * Across a bridge between u and v the circulation goes as much one way as the other, and each
 * side's circulation is independent of the other's, so the most is min(Σ u→v, Σ v→u) each way.
 */
function settleBridges(
  nodeCount: number,
  arcs: readonly Arc[],
  open: readonly number[],
  circulation: bigint[]
): number[] {
  const linkOf = new Map<number, number>();
  const ends: [number, number][] = [];
  const arcLink = open.map((k) => {
    const { from, to } = arcs[k];
    const key = Math.min(from, to) * nodeCount + Math.max(from, to);
    let l = linkOf.get(key);
    if (l === undefined) {
      l = ends.length;
      linkOf.set(key, l);
      ends.push([Math.min(from, to), Math.max(from, to)]);
    }
    return l;
  });
  const isBridge = bridges(nodeCount, ends);
  // Per bridge link, the total each way: [from the smaller node, from the larger].
  const totals = new Map<number, [bigint, bigint]>();
  open.forEach((k, i) => {
    if (!isBridge[arcLink[i]]) return;
    const total = totals.get(arcLink[i]) ?? [0n, 0n];
    total[arcs[k].from < arcs[k].to ? 0 : 1] += arcs[k].capacity;
    totals.set(arcLink[i], total);
  });
  const left = new Map([...totals].map(([l, [a, b]]) => [l, a < b ? [a, a] : [b, b]]));
  open.forEach((k, i) => {
    const remaining = left.get(arcLink[i]);
    if (!remaining) return;
    const way = arcs[k].from < arcs[k].to ? 0 : 1;
    const amount = arcs[k].capacity < remaining[way] ? arcs[k].capacity : remaining[way];
    circulation[k] = amount;
    remaining[way] -= amount;
  });
  return open.filter((_, i) => !isBridge[arcLink[i]]);
}

/**
 * The maximum circulation inside `arcs`: for each arc, c with 0 <= c <= capacity, inflow equal
 * to outflow at every node, Σc as large as possible. A self-loop is wholly circular.
 */
export function maxCirculation(nodeCount: number, arcs: readonly Arc[]): bigint[] {
  const circulation = arcs.map((arc) => (arc.from === arc.to ? arc.capacity : 0n));
  let open = arcs.flatMap((arc, k) => (arc.from !== arc.to && arc.capacity > 0n ? [k] : []));
  // One pass of each is enough. Dropping the arcs between components can leave new bridges,
  // hence components first. Dropping a bridge leaves each side strongly connected (a walk that
  // crossed it came back the same way, so it can skip the crossing) and no other link's status
  // changes, so neither step finds anything more after the other.
  const component = components(
    nodeCount,
    open.map((k) => arcs[k])
  );
  open = open.filter((k) => component[arcs[k].from] === component[arcs[k].to]);
  open = settleBridges(nodeCount, arcs, open, circulation);
  // What is left goes to the min-cost flow, on its own nodes renumbered from 0.
  const renumbered = new Int32Array(nodeCount).fill(-1);
  let coreNodes = 0;
  const renumber = (v: number) =>
    renumbered[v] === -1 ? (renumbered[v] = coreNodes++) : renumbered[v];
  const core = open.map((k) => ({
    from: renumber(arcs[k].from),
    to: renumber(arcs[k].to),
    capacity: arcs[k].capacity,
  }));
  circulationByClearing(coreNodes, core).forEach((c, i) => (circulation[open[i]] = c));
  return circulation;
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
