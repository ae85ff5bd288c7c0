// The theme choice and what it means, without the DOM (unit tested).

export type ThemeChoice = 'system' | 'light' | 'dark';
export const themeKey = 'gradscope.theme';

export function storedTheme(): ThemeChoice {
  const t = localStorage.getItem(themeKey);
  return t === 'light' || t === 'dark' ? t : 'system';
}

/** The theme in effect for a choice, given whether the system prefers dark. */
export function effectiveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

/** Monaco's theme: high contrast when presenting. */
export function monacoTheme(theme: 'light' | 'dark', presenting: boolean): string {
  if (presenting) return theme === 'dark' ? 'hc-black' : 'hc-light';
  return theme === 'dark' ? 'vs-dark' : 'vs';
}

