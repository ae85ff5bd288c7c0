// The toolbar's "find by label" box: the query, its count, and which graph it
// was counted on. A new graph (the program changed) is searched again, so the
// count always belongs to what is drawn.

import type { GraphView } from './graph/view.js';

export class SearchBox {
  /** The draw (Session.draws) the count was made on. */
  private searchedDraw = 0;

  constructor(
    private readonly input: HTMLInputElement,
    private readonly countEl: HTMLElement,
    private readonly view: GraphView,
    /** The session's count of completed draws (Session.draws). */
    private readonly draws: () => number,
    /** Selects the first value found (Enter). */
    select: (id: number) => void,
  ) {
    input.addEventListener('input', () => this.run(true));
    input.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      const found = view.search(input.value);
      if (found.length > 0) select(found[0]!);
    });
  }

  /** After a change of the session: searches again when a new graph is drawn. */
  follow(): void {
    if (this.draws() !== this.searchedDraw) this.run(false);
  }

  /** Finds the query among the drawn values and shows the count; `fit` brings them into view. */
  private run(fit: boolean): number[] {
    const query = this.input.value;
    const found = this.view.search(query, fit);
    this.countEl.textContent = query.trim() === '' ? '' : `${found.length} found`;
    this.searchedDraw = this.draws();
    return found;
  }
}
