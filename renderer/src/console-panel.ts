// The program's console.log output, and the engine's warnings, as text.

export function showConsole(element: HTMLElement, lines: string[], warnings: string[]): void {
  const text = [...lines, ...warnings.map((w) => `⚠ ${w}`)].join('\n');
  element.textContent = text;
  element.classList.toggle('empty', text === '');
  element.scrollTop = element.scrollHeight;
}
