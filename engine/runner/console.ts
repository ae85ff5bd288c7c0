// A console for programs: it keeps what they print, as text, up to a cap, so
// a training loop that logs every step cannot fill the memory.

const maxLines = 10_000;
const maxLineLength = 10_000;

export interface CapturedConsole {
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'>;
  lines: string[];
  /** The note for the user when lines were dropped, else null. */
  overflow(): string | null;
}

export function captureConsole(): CapturedConsole {
  const lines: string[] = [];
  let dropped = 0;
  const write = (prefix: string) => (...args: unknown[]) => {
    if (lines.length >= maxLines) {
      dropped++;
      return;
    }
    const text = prefix + args.map((a) => format(a, 0)).join(' ');
    lines.push(text.length > maxLineLength ? `${text.slice(0, maxLineLength)}…` : text);
  };
  return {
    console: { log: write(''), info: write(''), debug: write(''), warn: write('warning: '), error: write('error: ') },
    lines,
    overflow: () => (dropped > 0 ? `console output was cut after ${maxLines.toLocaleString('en-US')} lines (${dropped.toLocaleString('en-US')} more)` : null),
  };
}

/** Roughly what Node's console prints, without Node. */
function format(x: unknown, depth: number): string {
  if (typeof x === 'string') return depth === 0 ? x : JSON.stringify(x);
  if (typeof x !== 'object' || x === null) return String(x);
  if (x instanceof Error) return x.stack ?? `${x.name}: ${x.message}`;
  if (depth > 2) return Array.isArray(x) ? '[Array]' : '[Object]';
  if (Array.isArray(x)) {
    const shown = x.slice(0, 100).map((v) => format(v, depth + 1));
    if (x.length > 100) shown.push(`… ${x.length - 100} more`);
    return `[ ${shown.join(', ')} ]`;
  }
  const own = x.toString;
  if (own !== Object.prototype.toString && typeof own === 'function') return String(own.call(x));
  const entries = Object.entries(x).slice(0, 50).map(([k, v]) => `${k}: ${format(v, depth + 1)}`);
  return `{ ${entries.join(', ')} }`;
}
