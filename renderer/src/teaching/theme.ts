// Light and dark themes (following the system unless the user picks one) and
// presentation mode: large fonts and high contrast, only editor, graph and
// stepper shown. Both are classes/attributes on the page that CSS variables
// follow; Monaco and cytoscape get their own theme calls.

import type cytoscape from 'cytoscape';
import { monaco } from '../editor/monaco.js';
import { graphStyle } from '../graph/style.js';

import { effectiveTheme, monacoTheme, storedTheme, themeKey, type ThemeChoice } from './theme-choice.js';

export type { ThemeChoice };

export interface Appearance {
  choice: ThemeChoice;
  theme: 'light' | 'dark';
  presenting: boolean;
}

export class ThemeController {
  choice: ThemeChoice = storedTheme();
  presenting = false;
  private readonly media = window.matchMedia('(prefers-color-scheme: dark)');
  private readonly listeners: ((a: Appearance) => void)[] = [];

  constructor(
    private readonly editor: monaco.editor.IStandaloneCodeEditor,
    private readonly cy: cytoscape.Core,
    /** How many values the view drew (its stylesheet differs above 400). */
    private readonly drawnCount: () => number,
  ) {
    this.media.addEventListener('change', () => this.apply());
    this.apply();
  }

  get theme(): 'light' | 'dark' {
    return effectiveTheme(this.choice, this.media.matches);
  }

  onChange(listener: (a: Appearance) => void): void {
    this.listeners.push(listener);
  }

  setChoice(choice: ThemeChoice): void {
    this.choice = choice;
    if (choice === 'system') localStorage.removeItem(themeKey);
    else localStorage.setItem(themeKey, choice);
    this.apply();
  }

  /** Cycles system → light → dark (View ▸ Theme). */
  cycle(): void {
    const order: ThemeChoice[] = ['system', 'light', 'dark'];
    this.setChoice(order[(order.indexOf(this.choice) + 1) % order.length]!);
  }

  setPresenting(on: boolean): void {
    this.presenting = on;
    this.apply();
  }

  /** Re-applies the graph overrides after a draw (which replaces the stylesheet),
   *  or after a theme change (reset: back to the view's own stylesheet first). */
  styleGraph(reset = false): void {
    const dark = this.theme === 'dark';
    if (reset) this.cy.style(graphStyle(this.drawnCount() > 400));
    if (!dark && !this.presenting) return;
    const style = this.cy.style() as unknown as { selector(s: string): { style(css: Record<string, unknown>): unknown }; update(): void };
    const rule = (selector: string, css: Record<string, unknown>) => style.selector(selector).style(css);
    if (dark) {
      rule('node.op', { 'background-color': '#2d3445', color: '#eef1f6', 'border-color': '#aab3c5' });
      rule('edge', { 'line-color': '#9aa5b8', 'target-arrow-color': '#9aa5b8', color: '#eef1f6' });
      rule('edge.delta', { color: '#0d6b2c', 'line-color': '#4cc26f', 'target-arrow-color': '#4cc26f' });
      rule('edge.receiving', { 'line-color': '#ffb300', 'target-arrow-color': '#ffb300' });
    }
    if (this.presenting) {
      rule('node', { 'border-width': 1.5 });
      rule('edge', { width: 2 });
      rule('edge.delta', { width: 3.5, 'font-weight': 'bold' });
      rule('node.current', { 'underlay-opacity': 0.8, 'underlay-padding': 7 });
    }
    style.update();
  }

  private apply(): void {
    const theme = this.theme;
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
    document.body.classList.toggle('presentation', this.presenting);
    monaco.editor.setTheme(monacoTheme(theme, this.presenting));
    this.editor.updateOptions({ fontSize: this.presenting ? 19 : 13 });
    // The font changed size: start the lines at their beginning again.
    this.editor.setScrollLeft(0);
    this.styleGraph(true);
    const a: Appearance = { choice: this.choice, theme, presenting: this.presenting };
    for (const l of this.listeners) l(a);
  }
}
