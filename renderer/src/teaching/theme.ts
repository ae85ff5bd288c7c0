// Light and dark themes (following the system unless the user picks one) and
// presentation mode: large fonts and high contrast, only editor, graph and
// stepper shown. Both are classes/attributes on the page that CSS variables
// follow; Monaco gets its theme call, and the graph view takes both as inputs
// to its stylesheet.

import { monaco } from '../editor/monaco.js';

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
    private readonly graph: { setAppearance(a: { theme: 'light' | 'dark'; presenting: boolean }): void },
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

  private apply(): void {
    const theme = this.theme;
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
    document.body.classList.toggle('presentation', this.presenting);
    monaco.editor.setTheme(monacoTheme(theme, this.presenting));
    this.editor.updateOptions({ fontSize: this.presenting ? 17 : 13 });
    // The font changed size: start the lines at their beginning again.
    this.editor.setScrollLeft(0);
    this.graph.setAppearance({ theme, presenting: this.presenting });
    const a: Appearance = { choice: this.choice, theme, presenting: this.presenting };
    for (const l of this.listeners) l(a);
  }
}
