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
 * What is left is a linear program (maximise Σc with cost −1 an arc), solved exactly by the primal
 * network simplex: a spanning tree of arcs free to move, every other arc empty or full, node
 * potentials that price each arc; an arc worth more than its price enters (block search: the
 * best of about √m arcs at a time), the flow round the cycle it closes goes up until an arc
 * blocks, and that arc leaves (Cunningham's rule keeps the tree strongly feasible, so degenerate
 * steps cannot cycle). The first tree is each node's shortest path backwards to its part's first
 * node, every other arc full; what the tree cannot pass on hangs from an extra root at a cost
 * that makes it leave. Only the potentials are floating-point numbers (small integers); amounts
 * stay bigint.
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

/** Arc indices grouped by node: node v's are list[start[v]] to list[start[v + 1] − 1]. */
function arcsByNode(
  nodeCount: number,
  arcs: readonly Arc[],
  ends: (arc: Arc) => readonly number[]
): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(nodeCount + 1);
  for (const arc of arcs) for (const v of ends(arc)) start[v + 1]++;
  for (let v = 0; v < nodeCount; v++) start[v + 1] += start[v];
  const list = new Int32Array(start[nodeCount]);
  const fill = start.slice(0, nodeCount);
  arcs.forEach((arc, k) => {
    for (const v of ends(arc)) list[fill[v]++] = k;
  });
  return { start, list };
}

/**
 * The maximum circulation inside `arcs` (no self-loop, every capacity positive) by the network
 * simplex (see the top of this file). Returns each arc's circulation.
 */
function circulationBySimplex(nodeCount: number, arcs: readonly Arc[]): bigint[] {
  const m = arcs.length;
  const root = nodeCount;
  const from = Int32Array.from(arcs, (arc) => arc.from);
  const to = Int32Array.from(arcs, (arc) => arc.to);
  const flow: bigint[] = arcs.map((arc) => arc.capacity);
  // Per arc: 1 at zero, −1 at its capacity, 0 in the tree.
  const state = new Int8Array(m).fill(-1);
  // The tree, hung from an extra root: each node's parent, the arc to it (−1 for a link to the
  // root), the size of its subtree, and its children as a doubly linked list.
  const parent = new Int32Array(nodeCount + 1).fill(-1);
  const treeArc = new Int32Array(nodeCount + 1).fill(-1);
  const size = new Int32Array(nodeCount + 1).fill(1);
  const firstChild = new Int32Array(nodeCount + 1).fill(-1);
  const nextSibling = new Int32Array(nodeCount + 1).fill(-1);
  const previousSibling = new Int32Array(nodeCount + 1).fill(-1);
  // A link to the root carries, up to it or down from it, what a node could not pass on at the
  // start. It costs nodeCount a unit, so a unit through the root costs more than any cycle of
  // arcs gains (nodeCount − 1 at most): at the optimum no link carries anything. A link that
  // leaves the tree never comes back (it is not priced).
  const linkFlow: bigint[] = new Array(nodeCount).fill(0n);
  const linkUp = new Uint8Array(nodeCount);
  const linkCost = nodeCount;
  // Potentials: every tree arc u→v has −1 + potential[u] − potential[v] = 0.
  const potential = new Float64Array(nodeCount + 1);

  const attach = (v: number, above: number, arc: number): void => {
    parent[v] = above;
    treeArc[v] = arc;
    previousSibling[v] = -1;
    nextSibling[v] = firstChild[above];
    if (firstChild[above] !== -1) previousSibling[firstChild[above]] = v;
    firstChild[above] = v;
  };
  const detach = (v: number): void => {
    if (previousSibling[v] !== -1) nextSibling[previousSibling[v]] = nextSibling[v];
    else firstChild[parent[v]] = nextSibling[v];
    if (nextSibling[v] !== -1) previousSibling[nextSibling[v]] = previousSibling[v];
  };

  // The first tree: from each node, a shortest path of arcs to its part's first node (breadth-
  // first search backwards); every other arc starts full. Going up from the leaves, a tree arc
  // carries what its subtree takes in more than it sends out when that fits strictly inside it;
  // otherwise the subtree hangs from the root by a link that carries it. Every node can then
  // send more towards the root (a tree arc is below its capacity, a link up has no limit, a link
  // down carries something), so the tree is strongly feasible.
  const into = arcsByNode(nodeCount, arcs, (arc) => [arc.to]);
  const order = new Int32Array(nodeCount); // each part's nodes, each after its parent
  let ordered = 0;
  for (let start = 0; start < nodeCount; start++) {
    if (parent[start] !== -1) continue;
    attach(start, root, -1);
    order[ordered++] = start;
    for (let i = ordered - 1; i < ordered; i++) {
      const v = order[i];
      for (let j = into.start[v]; j < into.start[v + 1]; j++) {
        const k = into.list[j];
        if (parent[from[k]] !== -1) continue;
        attach(from[k], v, k);
        state[k] = 0;
        flow[k] = 0n;
        order[ordered++] = from[k];
      }
    }
  }
  const excess: bigint[] = new Array(nodeCount).fill(0n);
  arcs.forEach((arc, k) => {
    excess[arc.to] += flow[k];
    excess[arc.from] -= flow[k];
  });
  for (let i = nodeCount - 1; i >= 0; i--) {
    const v = order[i];
    const [k, pass] = [treeArc[v], excess[v]];
    if (k !== -1 && pass >= 0n && pass < arcs[k].capacity) {
      flow[k] = pass;
      excess[parent[v]] += pass;
      continue;
    }
    if (k !== -1) {
      state[k] = 1;
      detach(v);
      attach(v, root, -1);
    }
    linkUp[v] = pass >= 0n ? 1 : 0;
    linkFlow[v] = pass >= 0n ? pass : -pass;
  }
  // Potentials down the final tree (a tree arc points to the parent), sizes back up.
  ordered = 0;
  for (let v = firstChild[root]; v !== -1; v = nextSibling[v]) {
    potential[v] = linkUp[v] ? -linkCost : linkCost;
    order[ordered++] = v;
  }
  for (let i = 0; i < ordered; i++) {
    for (let c = firstChild[order[i]]; c !== -1; c = nextSibling[c]) {
      potential[c] = potential[order[i]] + 1;
      order[ordered++] = c;
    }
  }
  for (let i = nodeCount - 1; i >= 0; i--) size[parent[order[i]]] += size[order[i]];

  // Block search: scan the arcs round-robin in blocks of about √m and enter the one of most
  // negative reduced cost (signed by which bound it sits at) in the first block that has one.
  // After a pivot that moved one node's potential only, the arcs at that node (kept while still
  // worth entering) are tried first: round a long ring each pivot enables the next one there,
  // which a scan would look for among all the arcs.
  const blockSize = Math.max(10, Math.ceil(Math.sqrt(m)));
  const gainOf = (k: number): number => state[k] * (-1 + potential[from[k]] - potential[to[k]]);
  const touching = arcsByNode(nodeCount, arcs, (arc) => [arc.from, arc.to]);
  const candidates: number[] = [];
  let scanFrom = 0;
  const entering = (): number => {
    let [best, bestGain, kept] = [-1, 0, 0];
    for (const k of candidates) {
      const gain = gainOf(k);
      if (gain >= 0) continue;
      candidates[kept++] = k;
      if (gain < bestGain) [best, bestGain] = [k, gain];
    }
    candidates.length = kept;
    if (best !== -1) return best;
    let k = scanFrom;
    for (let left = m; left > 0;) {
      const stop = Math.min(k + blockSize, k + left, m); // a block, cut short at the end
      left -= stop - k;
      for (; k < stop; k++) {
        if (state[k] === 0) continue;
        const gain = gainOf(k);
        if (gain < bestGain) [best, bestGain] = [k, gain];
      }
      if (k === m) k = 0;
      if (best !== -1) {
        scanFrom = k;
        return best;
      }
    }
    return -1;
  };

  // The link above v: whether it points the way of a push down (or up) across it, how much more
  // that push can take (−1n: no limit), and the push itself.
  const along = (v: number, down: boolean): boolean =>
    treeArc[v] === -1 ? (linkUp[v] === 1) !== down : (to[treeArc[v]] === v) === down;
  const room = (v: number, down: boolean): bigint => {
    const k = treeArc[v];
    if (!along(v, down)) return k === -1 ? linkFlow[v] : flow[k];
    return k === -1 ? -1n : arcs[k].capacity - flow[k];
  };
  const push = (v: number, down: boolean, amount: bigint): void => {
    const change = along(v, down) ? amount : -amount;
    if (treeArc[v] === -1) linkFlow[v] += change;
    else flow[treeArc[v]] += change;
  };
  // Where the paths up from u and v meet: a subtree is smaller than any subtree containing it,
  // so the end with the smaller subtree is never above the other and can climb.
  const meeting = (u: number, v: number): number => {
    while (u !== v) {
      if (size[u] < size[v]) u = parent[u];
      else v = parent[v];
    }
    return u;
  };

  const stack = new Int32Array(nodeCount + 1);
  for (let k = entering(); k !== -1; k = entering()) {
    // The cycle: down from the join to `tail`, across arc k to `head`, up from there to the join.
    const forward = state[k] === 1;
    const [tail, head] = forward ? [from[k], to[k]] : [to[k], from[k]];
    const join = meeting(tail, head);

    // The leaving link (Cunningham's rule, which keeps the tree strongly feasible): the last
    // one that blocks, going round the cycle from the join; arc k itself when nothing else does.
    let [amount, leaving, onTailSide] = [arcs[k].capacity, -1, false]; // leaving: the node below
    for (let v = tail; v !== join; v = parent[v]) {
      const r = room(v, true);
      if (r >= 0n && r < amount) [amount, leaving, onTailSide] = [r, v, true];
    }
    for (let v = head; v !== join; v = parent[v]) {
      const r = room(v, false);
      if (r >= 0n && r <= amount) [amount, leaving, onTailSide] = [r, v, false];
    }
    if (amount > 0n) {
      flow[k] += forward ? amount : -amount;
      for (let v = tail; v !== join; v = parent[v]) push(v, true, amount);
      for (let v = head; v !== join; v = parent[v]) push(v, false, amount);
    }
    if (leaving === -1) {
      state[k] = -state[k];
      continue;
    }

    // Arc k replaces the leaving link: the part below that link is hung again from arc k's
    // other end, re-rooted at arc k's end on its side by reversing the path between the two.
    const out = treeArc[leaving];
    if (out !== -1) state[out] = flow[out] === 0n ? 1 : -1;
    state[k] = 0;
    const [inner, outer] = onTailSide ? [tail, head] : [head, tail];
    const shift = (inner === to[k] ? 1 : -1) * (-1 + potential[from[k]] - potential[to[k]]);
    const moved = size[leaving];
    for (let v = parent[leaving]; v !== join; v = parent[v]) size[v] -= moved;
    for (let v = outer; v !== join; v = parent[v]) size[v] += moved;
    for (let [v, above, link, sizeBelow] = [inner, outer, k, 0]; ;) {
      const [oldParent, oldLink, oldSize] = [parent[v], treeArc[v], size[v]];
      detach(v);
      attach(v, above, link);
      size[v] = moved - sizeBelow;
      if (v === leaving) break;
      [v, above, link, sizeBelow] = [oldParent, v, oldLink, oldSize];
    }
    // Only differences of potentials matter: shift the moved part, or the rest the other way,
    // whichever is smaller.
    const shiftMoved = 2 * moved <= nodeCount + 1;
    const oneShifted = (shiftMoved ? moved : nodeCount + 1 - moved) === 1;
    let top = 0;
    stack[top++] = shiftMoved ? inner : root;
    while (top > 0) {
      const u = stack[--top];
      potential[u] += shiftMoved ? shift : -shift;
      if (oneShifted && u !== root)
        for (let i = touching.start[u]; i < touching.start[u + 1]; i++)
          candidates.push(touching.list[i]);
      for (let c = firstChild[u]; c !== -1; c = nextSibling[c])
        if (shiftMoved || c !== inner) stack[top++] = c;
    }
  }
  return flow;
}

/**
 * Each node's strongly connected component (Tarjan's algorithm, without recursion: a path can be
 * as long as there are parties).
 */
function components(nodeCount: number, arcs: readonly Arc[]): Int32Array {
  const { start: first, list } = arcsByNode(nodeCount, arcs, (arc) => [arc.from]);
  const targets = list.map((k) => arcs[k].to);

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
  // What is left goes to the network simplex, on its own nodes renumbered from 0.
  const renumbered = new Int32Array(nodeCount).fill(-1);
  let coreNodes = 0;
  const renumber = (v: number) =>
    renumbered[v] === -1 ? (renumbered[v] = coreNodes++) : renumbered[v];
  const core = open.map((k) => ({
    from: renumber(arcs[k].from),
    to: renumber(arcs[k].to),
    capacity: arcs[k].capacity,
  }));
  circulationBySimplex(coreNodes, core).forEach((c, i) => (circulation[open[i]] = c));
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
