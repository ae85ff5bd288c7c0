// The line under an animation frame (or an "as shown" figure): what the step
// just taken did, in numbers, e.g.
//   Step 3 of 9: n = x1w1x2w2 + b sent its grad back: x1w1x2w2.grad += 0.5000 → 0.5000, b.grad += 0.5000 → 0.5000

import { opText, type GraphNode } from '../../common/snapshot.js';
import { fixed4 } from '../../common/format.js';
import type { FigureState } from './model.js';

const nameOf = (n: GraphNode | undefined, id: number) => n?.label ?? `#${id}`;

/** `o = tanh(n)`, `c = a × b`, `p = a^2`: how a value was made. */
export function definition(node: GraphNode, byId: ReadonlyMap<number, GraphNode>): string {
  const name = nameOf(node, node.id);
  const symbol = opText(node);
  if (symbol === null) return name;
  const args = node.inputs.map((id) => nameOf(byId.get(id), id));
  let rhs: string;
  if (node.op === 'pow') rhs = `${args[0]}${symbol}`;
  else if (node.op === 'neg') rhs = `−${args[0]}`;
  else if (args.length === 2) rhs = `${args[0]} ${symbol} ${args[1]}`;
  else rhs = `${symbol}(${args.join(', ')})`;
  return `${name} = ${rhs}`;
}

export function caption(state: FigureState, byId: ReadonlyMap<number, GraphNode>, root: number | null): string {
  if (root === null) return 'No backward() call: data and grads as the program left them.';
  const head = `Step ${state.step} of ${state.total}`;
  if (state.justRan === null) {
    const next = state.next === null ? '' : ` Next: ${definition(byId.get(state.next)!, byId)} sends its grad back.`;
    return `${head}: backward() set ${nameOf(byId.get(root), root)}.grad = 1.0000.${next}`;
  }
  const node = byId.get(state.justRan.node)!;
  const parts = state.justRan.deltas.map(([id, delta]) => {
    const name = nameOf(byId.get(id), id);
    return `${name}.grad += ${fixed4(delta)} → ${fixed4(state.grad.get(id) ?? NaN)}`;
  });
  return `${head}: ${definition(node, byId)} sent its grad back: ${parts.join(', ')}`;
}

/** Breaks `text` into lines of at most `width` characters, at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = '';
    }
    line = line === '' ? word : `${line} ${word}`;
    while (line.length > width) {
      lines.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
