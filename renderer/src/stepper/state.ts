// The backward stepper's state for one recorded backward() call: the grads
// after k local backward calls, moved one step at a time. A step forward
// replays that step's deltas in the engine's order (so grads match the engine
// bit for bit) and remembers what it overwrote; a step back restores that.
// Either costs O(deltas of the step), never O(nodes).

import type { BackwardCall } from '../../../common/snapshot.js';

export class Stepper {
  readonly total: number;
  position = 0;
  /** Grad of every snapshot node by index, as of `position`. */
  readonly grads: Float64Array;
  private readonly undo: Float64Array;
  private readonly offsets: Int32Array;

  constructor(
    readonly call: BackwardCall,
    nodeCount: number,
    private readonly indexOf: ArrayLike<number>,
  ) {
    this.total = call.steps.length;
    this.grads = new Float64Array(nodeCount);
    this.offsets = new Int32Array(this.total + 1);
    call.steps.forEach((s, k) => (this.offsets[k + 1] = this.offsets[k]! + s.deltas.length));
    this.undo = new Float64Array(this.offsets[this.total]!);
    this.setStart();
  }

  /** Grads before the call, then the root's set to 1 (micrograd's `self.grad = 1`). */
  private setStart(): void {
    for (const [id, grad] of this.call.gradsBefore) this.grads[this.indexOf[id]!] = grad;
    this.grads[this.indexOf[this.call.root]!] = 1;
  }

  grad(id: number): number {
    return this.grads[this.indexOf[id]!]!;
  }

  /** Applies step `position`; returns the ids whose grad changed. */
  forward(): number[] {
    const changed: number[] = [];
    this.forwardInto(changed);
    return changed;
  }

  /** Applies step `position`, adding the ids whose grad changed to `changed` (no array per step: a seek over 65k steps stays short). */
  private forwardInto(changed: number[]): void {
    if (this.position >= this.total) return;
    const k = this.position++;
    const base = this.offsets[k]!;
    const deltas = this.call.steps[k]!.deltas;
    for (let j = 0; j < deltas.length; j++) {
      const [id, delta] = deltas[j]!;
      const i = this.indexOf[id]!;
      this.undo[base + j] = this.grads[i]!;
      this.grads[i] = this.grads[i]! + delta;
      changed.push(id);
    }
  }

  back(): number[] {
    const changed: number[] = [];
    this.backInto(changed);
    return changed;
  }

  private backInto(changed: number[]): void {
    if (this.position <= 0) return;
    const k = --this.position;
    const base = this.offsets[k]!;
    const deltas = this.call.steps[k]!.deltas;
    // Restore in reverse so an input that appears twice (a*a) ends at its first value.
    for (let j = deltas.length - 1; j >= 0; j--) this.grads[this.indexOf[deltas[j]![0]]!] = this.undo[base + j]!;
    for (const [id] of deltas) changed.push(id);
  }

  /** Moves to `target`; returns the ids whose grad changed (may repeat). */
  seek(target: number): number[] {
    const to = Math.max(0, Math.min(this.total, Math.round(target)));
    const changed: number[] = [];
    while (this.position < to) this.forwardInto(changed);
    while (this.position > to) this.backInto(changed);
    return changed;
  }

  /**
   * Steps until the end or until the next step is a breakpoint's node. Leaving
   * a breakpoint you are stopped at takes one step first, like a debugger.
   */
  runToEnd(breakpoints: ReadonlySet<number>): number[] {
    const changed = this.forward();
    while (this.position < this.total && !breakpoints.has(this.call.steps[this.position]!.node)) this.forwardInto(changed);
    return changed;
  }

  /** The node whose `_backward` runs next, or null at the end. */
  next(): number | null {
    return this.position < this.total ? this.call.steps[this.position]!.node : null;
  }

  /** The step applied last, with each input's grad before its delta. */
  lastStep(): { node: number; deltas: { id: number; delta: number; before: number }[]; finding?: string } | null {
    if (this.position === 0) return null;
    const k = this.position - 1;
    const step = this.call.steps[k]!;
    const base = this.offsets[k]!;
    const deltas = step.deltas.map(([id, delta], j) => ({ id, delta, before: this.undo[base + j]! }));
    // debug(): what disagrees with the op table in this step.
    return step.finding === undefined ? { node: step.node, deltas } : { node: step.node, deltas, finding: step.finding };
  }
}
