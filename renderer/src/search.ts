// "Find by label": which values a query names, best first. A value's label
// that equals the query beats one that starts with it, which beats one that
// merely contains it (`w1` finds `w1` before `x1w1x2w2`); the nn module path
// (`layer1.neuron3.w0`) is searched the same way, and `#id` finds that value. Case is ignored.

interface Findable {
  id: number;
  label: string | null;
  module: string | null;
}

const exact = 0;
const prefix = 1;
const substring = 2;

/** Ids of the values matching `query`, exact matches first, then prefix, then
 *  substring; within a rank, in the order given. Empty query: none. */
export function findByLabel(values: Iterable<Findable>, query: string): number[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const ranked: { id: number; rank: number; order: number }[] = [];
  let order = 0;
  for (const v of values) {
    // `#10`, as an unlabelled value's box and the explanation line name it, finds that value.
    const rank = q === `#${v.id}` ? exact : Math.min(rankOf(v.label, q), rankOf(v.module, q));
    if (rank <= substring) ranked.push({ id: v.id, rank, order });
    order++;
  }
  ranked.sort((x, y) => x.rank - y.rank || x.order - y.order);
  return ranked.map((r) => r.id);
}

function rankOf(text: string | null, q: string): number {
  if (text === null) return Infinity;
  const t = text.toLowerCase();
  if (t === q) return exact;
  if (t.startsWith(q)) return prefix;
  return t.includes(q) ? substring : Infinity;
}
