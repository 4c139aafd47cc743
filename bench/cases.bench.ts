/**
 * Contagion and the league: a stress over a 2,000-party web (about 10 flows a party, a seeded
 * pseudo-random web, the most connected party shocked) and the headline deflator over the whole
 * library, engine time only. `npx tsx bench/cases.bench.ts` runs it alone.
 */
import { league } from "../src/data/league";
import { BUILTIN_LIBRARY } from "../src/data/library";
import { contagion, WebEdge } from "../src/engine/contagion";
import { Figure, formatDuration, medianMicros } from "./measure";

/** A fixed linear congruential sequence, so every run times the same web. */
function randomWeb(parties: number, perParty: number): WebEdge[] {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const edges: WebEdge[] = [];
  for (let i = 0; i < parties * perParty; i++) {
    const from = Math.floor(next() * parties);
    const to = (from + 1 + Math.floor(next() * (parties - 1))) % parties;
    // party 0 is a hub: a tenth of the flows touch it
    const [a, b] = next() < 0.1 ? [0, to === 0 ? 1 : to] : [from, to];
    edges.push({
      from: `P${a}`,
      to: `P${b}`,
      amount: Math.round(next() * 1e10),
      kind: next() < 0.5 ? "equity" : "commitment",
    });
  }
  return edges;
}

export function benchCases(): Figure[] {
  const web = randomWeb(2000, 10);
  const stress = medianMicros(
    () => contagion(web, { party: "P0", shortfall: 0.5, writedown: 0.5 }),
    21,
    3
  );
  const ranking = medianMicros(() => league(BUILTIN_LIBRARY), 51, 5);
  return [
    {
      name: `contagion: ${web.length.toLocaleString("en-US")} flows between 2,000 parties, one party shocked`,
      medianUs: stress,
      samples: 21,
      target: "≤ 1 s",
      ok: stress <= 1e6,
    },
    {
      name: "league: the headline deflator over the whole library",
      medianUs: ranking,
      samples: 51,
      target: "≤ 200 ms",
      ok: ranking <= 200e3,
    },
  ];
}

if (require.main === module)
  benchCases().forEach((f) =>
    console.log(`${f.name}: ${formatDuration(f.medianUs)} (target ${f.target})`)
  );
