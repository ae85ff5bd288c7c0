// The findings panel: the likely bugs the engine found in the last good run
// (`snapshot.diagnostics`, engine/diagnose.ts), one row each: an icon for its
// kind, the message and its line. Clicking a row selects the value in the
// graph and puts the editor's cursor on the line that made it. Any kind is
// shown (a kind without an icon of its own gets a dot), so a new diagnostic
// needs no change here.

import type { Diagnostic } from '../../common/snapshot.js';

export interface FindingsHost {
  /** Select the value in the graph and bring it into view. */
  select(node: number): void;
  /** Put the editor's cursor at the position and scroll it into view. */
  reveal(line: number, column: number | null): void;
}

/** An icon and a short title per kind; others get `•` and the kind itself. */
const kinds: Record<string, { icon: string; title: string }> = {
  'nonfinite-origin': { icon: '⚠', title: 'NaN/∞ starts here' },
  'grad-not-zero': { icon: 'Σ', title: 'grads not zeroed' },
  kink: { icon: '∠', title: 'kink' },
  'forward-mismatch': { icon: '≠', title: 'forward mismatch' },
  'local-backward-mismatch': { icon: '≠', title: '_backward mismatch' },
};

export function kindOf(kind: string): { icon: string; title: string } {
  return kinds[kind] ?? { icon: '•', title: kind };
}

export class FindingsPanel {
  private findings: Diagnostic[] = [];
  private readonly count: HTMLElement;
  private readonly list: HTMLElement;

  /** `badge` also shows the count (the side panel's toggle, for when the panel is hidden). */
  constructor(private readonly panel: HTMLElement, private readonly host: FindingsHost, private readonly badge: HTMLElement) {
    const title = document.createElement('h2');
    title.append('Findings ');
    this.count = document.createElement('span');
    this.count.className = 'findings-count';
    title.append(this.count);
    this.list = document.createElement('ul');
    this.list.setAttribute('aria-label', 'Findings');
    panel.replaceChildren(title, this.list);
    this.show([]);
  }

  /** What the panel lists now. */
  get shown(): readonly Diagnostic[] {
    return this.findings;
  }

  /** A good run's diagnostics: the list is replaced. */
  show(findings: readonly Diagnostic[]): void {
    this.findings = [...findings];
    this.panel.classList.remove('stale');
    const n = this.findings.length;
    this.count.textContent = String(n);
    this.count.classList.toggle('some', n > 0);
    this.panel.dataset.count = String(n);
    if (n > 0) this.badge.dataset.findings = `${n} finding${n === 1 ? '' : 's'}`;
    else delete this.badge.dataset.findings;
    if (n === 0) {
      const empty = document.createElement('li');
      empty.className = 'hint';
      empty.textContent = 'No findings';
      this.list.replaceChildren(empty);
      return;
    }
    this.list.replaceChildren(...this.findings.map((d) => this.row(d)));
  }

  /** A failed run: the last good run's findings stay, dimmed, like its graph. */
  stale(): void {
    this.panel.classList.add('stale');
  }

  private row(d: Diagnostic): HTMLElement {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'finding';
    button.dataset.kind = d.kind;
    button.dataset.node = String(d.node);
    const { icon, title } = kindOf(d.kind);
    const mark = document.createElement('span');
    mark.className = 'finding-icon';
    mark.setAttribute('aria-hidden', 'true');
    mark.textContent = icon;
    const head = document.createElement('span');
    head.className = 'finding-head';
    const kind = document.createElement('strong');
    kind.textContent = title;
    head.append(kind);
    if (d.line !== null) {
      const line = document.createElement('span');
      line.className = 'finding-line';
      line.textContent = `line ${d.line}`;
      head.append(line);
    }
    const message = document.createElement('span');
    message.className = 'finding-message';
    message.textContent = d.message;
    button.append(mark, head, message);
    button.title = `${d.kind}: click to select the value${d.line === null ? '' : ' and go to its line'}`;
    button.onclick = () => {
      this.host.select(d.node);
      if (d.line !== null) this.host.reveal(d.line, d.column);
    };
    li.append(button);
    return li;
  }
}
