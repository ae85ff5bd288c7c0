// The derivative explorer's requests in every order of runs, selections and
// answers: after each run the selected leaf's table is computed again, or the
// panel says why not; it never stays at "Nudging a by h…". The programs run in
// the real engine and the answers are the engine's own (exploreLeaf); the
// worker is modelled only in when it answers, which each test decides.

import { describe, expect, it } from 'vitest';
import type { LeafCheck } from '../../common/protocol.js';
import type { Snapshot } from '../../common/snapshot.js';
import { exploreLeaf } from '../../engine/explore.js';
import { run } from '../../engine/runner/run.js';
import { lectureProgram } from '../../engine/test/programs.js';
import { LeafRequests, selectHint, staleHint, type Shown } from '../src/teaching/explorer.js';

const broken = 'const a = new Value(2.0, \'a\');\nconst L = a * ;\n';
const small = "const a = new Value(2.0, 'a');\nconst L = a * 3; L.label = 'L';\nL.backward();\n";

/**
 * The app around the explorer, wired as teaching/index.ts and session.ts wire it:
 * a run's result is held by the worker first, then drawn (changed(), then
 * selected() with the selection kept if its id is still in the graph), then
 * result() asks once more. A new run replaces the worker: questions to the old
 * one fail, as EngineClient.restart rejects them.
 */
class App {
  shown: Snapshot | null = null;
  held: Snapshot | null = null;
  selected: number | null = null;
  /** Everything the panel showed, in order. */
  readonly panel: Shown[] = [];
  private questions: { worker: Snapshot | null; call: number; leaf: number; resolve(c: LeafCheck): void; reject(e: Error): void }[] = [];
  readonly requests = new LeafRequests({
    call: () => (this.shown && this.shown.backward.length > 0 ? this.shown.backward.length - 1 : -1),
    current: () => this.shown !== null && this.shown === this.held,
    node: (id) => this.shown?.nodes.find((n) => n.id === id) ?? null,
    isLeafOfCall: (id) => this.shown?.backward.at(-1)?.leafData.some(([leaf]) => leaf === id) ?? false,
    explore: (call, leaf) => new Promise((resolve, reject) => this.questions.push({ worker: this.held, call, leaf, resolve, reject })),
  }, (shown) => this.panel.push(shown));

  get now(): Shown {
    return this.panel.at(-1)!;
  }

  /** The user selects (or clicks away). */
  select(id: number | null): void {
    this.selected = id;
    this.requests.select(id);
  }

  /** Run pressed or the program edited: a fresh worker runs it. */
  start(): void {
    this.held = null;
    for (const q of this.questions.splice(0)) q.reject(new Error('the engine restarted: run the program again'));
  }

  /** The run ends: a good one is held, drawn and announced; a failed one only announced. */
  finish(source: string): Snapshot {
    const s = run(source);
    this.held = s.error === null ? s : null;
    if (s.error === null) {
      this.shown = s;
      if (this.selected !== null && !s.nodes.some((n) => n.id === this.selected)) this.selected = null;
      this.requests.newRun();
      this.requests.select(this.selected); // changed()
      this.requests.select(this.selected); // selected()
    }
    this.requests.select(this.selected); // result()
    return s;
  }

  runProgram(source: string): Snapshot {
    this.start();
    return this.finish(source);
  }

  /** The worker answers its oldest question about the run it holds; then the page handles it. */
  async answer(): Promise<void> {
    const q = this.questions.shift();
    if (!q) throw new Error('no question waiting');
    if (q.worker === null) q.reject(new Error('no run'));
    else q.resolve(exploreLeaf(q.worker, q.call, q.leaf));
    await tick();
  }

  get waiting(): number {
    return this.questions.length;
  }

  id(label: string): number {
    return this.shown!.nodes.find((n) => n.label === label)!.id;
  }
}

/** The page handles what the worker (or its restart) sent. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function table(shown: Shown): { leaf: string | null; grad: number; slope: number } {
  if (shown.kind !== 'table') throw new Error(`the panel shows ${shown.kind === 'hint' ? shown.text : 'Nudging…'}, not a table`);
  return { leaf: shown.leaf.label, grad: shown.check.grad, slope: shown.check.best.slope };
}
const waitingFor = (shown: Shown) => (shown.kind === 'waiting' ? shown.leaf.label : null);
const text = (shown: Shown) => (shown.kind === 'hint' ? shown.text : null);

describe('the derivative explorer after runs, edits and selections', () => {
  it('run, then select: the table of the selected leaf, with the grad backward computed', async () => {
    const app = new App();
    app.runProgram(lectureProgram(2, -3));
    expect(text(app.now)).toBe(selectHint);
    app.select(app.id('a'));
    expect(waitingFor(app.now)).toBe('a');
    await app.answer();
    // dL/da = b·f = (−3)(−2) = 6, and the finite difference agrees.
    expect(table(app.now)).toMatchObject({ leaf: 'a', grad: 6 });
    expect(table(app.now).slope).toBeCloseTo(6, 6);
  });

  it('select, then Run again: the table is computed again (the reviewer saw "Nudging a by h…" for good)', async () => {
    const app = new App();
    app.runProgram(lectureProgram(2, -3));
    app.select(app.id('a'));
    await app.answer();
    app.runProgram(lectureProgram(2, -3));
    // changed(), selected() and result() each showed the leaf: one question, not three dropped ones.
    expect(app.waiting).toBe(1);
    expect(waitingFor(app.now)).toBe('a');
    await app.answer();
    expect(table(app.now)).toMatchObject({ leaf: 'a', grad: 6 });
    // An edit that changes a's gradient: b = −4 makes dL/da = (−4)(−2) = 8.
    app.runProgram(lectureProgram(2, -4));
    await app.answer();
    expect(table(app.now)).toMatchObject({ leaf: 'a', grad: 8 });
    expect(table(app.now).slope).toBeCloseTo(8, 6);
  });

  it('the same leaf selected again while its answer is on the way: the answer still lands', async () => {
    const app = new App();
    app.runProgram(lectureProgram(2, -3));
    app.select(app.id('b'));
    app.select(app.id('b'));
    app.select(app.id('b'));
    expect(app.waiting).toBe(1);
    await app.answer();
    // dL/db = a·f = 2·(−2) = −4.
    expect(table(app.now)).toMatchObject({ leaf: 'b', grad: -4 });
  });

  it('an edit while a request is on the way: the old worker\'s answer is dropped and the new run is asked', async () => {
    const app = new App();
    app.runProgram(lectureProgram(2, -3));
    app.select(app.id('a'));
    app.start(); // the user typed; the old worker is gone with the question
    await tick();
    expect(text(app.now)).toBe(staleHint);
    app.finish(lectureProgram(2, -4));
    expect(waitingFor(app.now)).toBe('a');
    await app.answer();
    expect(table(app.now)).toMatchObject({ leaf: 'a', grad: 8 });
  });

  it('a failed run keeps the last good table; a leaf selected then says to run again, and the next good run computes it', async () => {
    const app = new App();
    app.runProgram(lectureProgram(2, -3));
    app.select(app.id('a'));
    await app.answer();
    const s = app.runProgram(broken);
    expect(s.error?.kind).toBe('syntax');
    // The dimmed graph is still the good run's: its table still holds.
    expect(table(app.now)).toMatchObject({ leaf: 'a', grad: 6 });
    app.select(app.id('b'));
    expect(text(app.now)).toBe(staleHint);
    expect(app.waiting).toBe(0);
    app.runProgram(lectureProgram(2, -3));
    // The reviewer saw the stale sentence stay after this fresh run.
    expect(waitingFor(app.now)).toBe('b');
    await app.answer();
    expect(table(app.now)).toMatchObject({ leaf: 'b', grad: -4 });
  });

  it('another leaf selected during a request: only the newest answer is shown', async () => {
    const app = new App();
    app.runProgram(lectureProgram(2, -3));
    app.select(app.id('a'));
    app.select(app.id('b'));
    expect(waitingFor(app.now)).toBe('b');
    await app.answer(); // a's answer: dropped
    expect(waitingFor(app.now)).toBe('b');
    await app.answer();
    expect(table(app.now)).toMatchObject({ leaf: 'b', grad: -4 });
    expect(app.panel.some((p) => p.kind === 'table' && p.leaf.label === 'a')).toBe(false);
    // And back to a: asked again, not taken from the dropped answer.
    app.select(app.id('a'));
    expect(waitingFor(app.now)).toBe('a');
    await app.answer();
    expect(table(app.now)).toMatchObject({ leaf: 'a', grad: 6 });
  });

  it('a run without the selected leaf says plainly that it is gone', async () => {
    const app = new App();
    app.runProgram(lectureProgram(2, -3));
    app.select(app.id('f'));
    await app.answer();
    // dL/df = d = a·b + c = 4.
    expect(table(app.now)).toMatchObject({ leaf: 'f', grad: 4 });
    app.runProgram(small); // three values: f's id is not in the graph
    expect(app.selected).toBe(null);
    expect(text(app.now)).toBe(`f, the leaf you selected, is not in the new graph. ${selectHint}`);
    // Clicking away later reads as usual.
    app.select(app.id('a'));
    await app.answer();
    app.select(null);
    expect(text(app.now)).toBe(selectHint);
  });

  it('an op selected, or a program without backward(): a sentence, no question', () => {
    const app = new App();
    app.runProgram(lectureProgram(2, -3));
    app.select(app.id('e'));
    expect(text(app.now)).toBe(selectHint);
    app.runProgram("const a = new Value(2.0, 'a');\n");
    expect(text(app.now)).toBe('No backward() call to explore.');
    expect(app.waiting).toBe(0);
  });
});
