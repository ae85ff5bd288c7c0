// Example programs, parsed from their text: pure, so unit tests can check the
// titles without Vite. examples.ts loads the files at build time.

export interface Example {
  /** File name, e.g. `tanh-neuron.ts`. */
  file: string;
  title: string;
  /** The leading comment, as one paragraph, without its "Look at:" line. */
  description: string;
  /** What to look at once it has run: the comment's "Look at: …" sentence, or ''. */
  lookAt: string;
  source: string;
  /** Runs for several seconds: opening it raises the time limit to at least this. */
  timeLimitMs?: number;
}

/** Gallery order: the lecture's path, from a derivative by its definition to micrograd's demo. */
export const galleryOrder = [
  'derivative-definition.ts', 'three-inputs.ts', 'chain-rule-by-hand.ts', 'tanh-neuron.ts', 'tanh-from-exp.ts',
  'tiny-mlp.ts', 'micrograd-readme.ts', 'softmax.ts', 'two-moons.ts', 'moons-demo.ts', 'own-value-class.ts',
];

/** Examples that need more than the default 10 s on a slow machine. */
const longRuns: Record<string, number> = { 'moons-demo.ts': 60_000, 'two-moons.ts': 30_000 };

/** The leading `//` comment block, joined into one paragraph. */
export function leadingComment(source: string): string {
  const lines: string[] = [];
  for (const line of source.split('\n')) {
    const m = /^\s*\/\/\s?(.*)$/.exec(line);
    if (!m) break;
    lines.push(m[1]!.trim());
  }
  return lines.join(' ').replace(/\s+/g, ' ').trim();
}

/** A short title: the comment's first sentence, cut at its first colon when long. */
export function titleOf(comment: string, fallback: string): string {
  if (comment === '') return fallback;
  let title = /^(.*?)(\.\s|\.$|$)/.exec(comment)![1]!;
  if (title.length > 60 && title.includes(':')) title = title.slice(0, title.indexOf(':'));
  if (title.length > 80) title = `${title.slice(0, 77).trimEnd()}…`;
  return title.replace(/[,;:]$/, '').trim();
}

/** Splits a comment into its description and its "Look at: …" part (which runs to the end). */
export function splitLookAt(comment: string): { description: string; lookAt: string } {
  const at = comment.indexOf('Look at:');
  return at < 0 ? { description: comment, lookAt: '' } : { description: comment.slice(0, at).trim(), lookAt: comment.slice(at).trim() };
}

export function parseExample(file: string, source: string): Example {
  const { description, lookAt } = splitLookAt(leadingComment(source));
  const example: Example = { file, title: titleOf(description, file.replace(/\.ts$/, '')), description, lookAt, source };
  if (longRuns[file] !== undefined) example.timeLimitMs = longRuns[file];
  return example;
}

/** Examples in gallery order (unknown files last, by name). */
export function sortExamples(files: Record<string, string>): Example[] {
  const rank = (f: string) => (galleryOrder.includes(f) ? galleryOrder.indexOf(f) : galleryOrder.length);
  return Object.entries(files)
    .map(([path, source]) => parseExample(path.slice(path.lastIndexOf('/') + 1), source))
    .sort((a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file));
}
