import { describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { Autoplay, intervalMs, speeds, type Playable } from './autoplay.js';
import { boundaryOption, explorerOption, errorFloor, lightColours, lineOption, regionColour } from './chart-options.js';
import { galleryOrder, leadingComment, parseExample, sortExamples, titleOf } from './examples-data.js';
import { cancellationNote, formatNumber, roundingTakesOver } from './explorer.js';
import { run } from '../../../engine/runner/run.js';
import { exploreLeaf } from '../../../engine/explore.js';
import { chartsFor } from './plots.js';
import { effectiveTheme, monacoTheme } from './theme-choice.js';

const examplesDir = new URL('../../../examples/', import.meta.url);
const files = Object.fromEntries(readdirSync(examplesDir).filter((f) => f.endsWith('.ts')).map((f) => [`../../../examples/${f}`, readFileSync(new URL(f, examplesDir), 'utf8')]));

describe('examples', () => {
  it('lists every example in the gallery order with a short title from its first comment', () => {
    const examples = sortExamples(files);
    expect(examples.map((e) => e.file).slice(0, galleryOrder.length)).toEqual(galleryOrder);
    expect(Object.fromEntries(examples.map((e) => [e.file, e.title]))).toMatchObject({
      'micrograd-readme.ts': "micrograd's README example, op for op",
      'tanh-neuron.ts': "The lecture's neuron: o = tanh(x1·w1 + x2·w2 + b)",
      'tiny-mlp.ts': 'A tiny MLP learns four points, as in the lecture',
      'moons-demo.ts': "micrograd's demo, in full",
      'softmax.ts': 'Softmax with cross-entropy on three logits',
      'derivative-definition.ts': 'The derivative of f(x) = 3x² − 4x + 5 by its definition',
      'three-inputs.ts': 'Three inputs, d = a·b + c, and their partial derivatives',
      'chain-rule-by-hand.ts': 'L = (a·b + c)·f with its grads by hand',
      'tanh-from-exp.ts': "The lecture's neuron with tanh made of exp",
    });
    for (const e of examples) expect(e.title.length).toBeLessThanOrEqual(60);
    // Each says in one line what to look at, apart from its description.
    for (const e of examples) {
      expect(e.lookAt, e.file).toMatch(/^Look at: .{10,160}$/);
      expect(e.description, e.file).not.toContain('Look at');
    }
    expect(examples.find((e) => e.file === 'moons-demo.ts')!.timeLimitMs).toBeGreaterThan(10_000);
  });

  it('reads the leading comment only, and falls back to the file name', () => {
    expect(leadingComment('// One.\n// Two\nconst a = 1;\n// not this')).toBe('One. Two');
    expect(parseExample('x.ts', 'const a = 1;').title).toBe('x');
    expect(titleOf('Short one. And more.', 'f')).toBe('Short one');
  });
});

/** The parts of an ECharts option these tests read. */
interface ChartShape {
  xAxis: { type: string; min?: number; max?: number };
  yAxis: { type: string; min?: number; max?: number };
  series: { data: (number | null)[][] }[];
}
const shape = (option: unknown) => option as ChartShape;

describe('chart options', () => {
  it('draws a loss curve by call, on a log scale when it falls over orders of magnitude', () => {
    const o = shape(lineOption('loss', [100, 10, 1, 0.1], 'call', lightColours));
    expect(o.yAxis.type).toBe('log');
    expect(o.series[0].data).toEqual([[1, 100], [2, 10], [3, 1], [4, 0.1]]);
    expect(shape(lineOption('acc', [0.5, 0.9, 1], 'point', lightColours)).yAxis.type).toBe('value');
    expect(shape(lineOption('x', [1, NaN], 'point', lightColours)).series[0].data[1]).toEqual([2, null]);
  });

  it('fills the decision regions cell by cell and splits the points by label', () => {
    const b = { xs: [0, 1], ys: [0, 2], scores: [[-1, 1], [0.5, -0.2]], points: [[0, 0], [1, 2]] as [number, number][], labels: [-1, 1] };
    const o = shape(boundaryOption('db', b, lightColours));
    expect(o.series[0].data).toEqual([[0, 0, -1], [1, 0, 1], [0, 2, 0.5], [1, 2, -0.2]]);
    expect(o.series[1].data).toEqual([[0, 0]]);
    expect(o.series[2].data).toEqual([[1, 2]]);
    expect([o.xAxis.min, o.xAxis.max, o.yAxis.min, o.yAxis.max]).toEqual([-0.5, 1.5, -1, 3]);
  });

  it('colours a region by its class, mixed with white: 30% at the boundary up to 75% at |score| >= 1', () => {
    // Pure red and blue, so each channel is worked out by hand: 255 + (c - 255) × strength.
    const c = { ...lightColours, positive: '#ff0000', negative: '#0000ff' };
    expect(regionColour(2, c)).toBe('rgb(255, 64, 64)'); // strength 0.75: 255 − 0.75 × 255 = 63.75
    expect(regionColour(1, c)).toBe(regionColour(5, c)); // capped at |score| = 1
    expect(regionColour(-0.1, c)).toBe('rgb(167, 167, 255)'); // strength 0.345: 255 − 0.345 × 255 = 167.0
    expect(regionColour(0, c)).toBe('rgb(179, 179, 255)'); // 0 is not positive: strength 0.3 of blue
  });

  it('plots |slope − grad| against h on log axes, exact slopes at the floor', () => {
    const check = { leaf: 0, grad: -1.5, slopes: [{ h: 0.1, slope: -1.4, relError: 0.1 / 1.5 }, { h: 1e-2, slope: -1.5, relError: 0 }], best: { h: 1e-2, slope: -1.5, relError: 0 }, kink: null, verdict: 'ok' as const };
    const o = shape(explorerOption(check, lightColours));
    expect(o.xAxis.type).toBe('log');
    expect(o.yAxis.type).toBe('log');
    expect(o.series[0].data[0][1]).toBeCloseTo(0.1, 12);
    expect(o.series[0].data[1]).toEqual([1e-2, errorFloor]);
  });

  it('marks where rounding error takes over in the explorer, for the real engine’s slopes', () => {
    const snapshot = run('const x = new Value(3); const y = x.pow(2).mul(3).sub(x.mul(4)).add(5); y.backward();');
    const x = snapshot.nodes.find((n) => n.label === 'x')!.id;
    const check = exploreLeaf(snapshot, 0, x);
    const turn = roundingTakesOver(check);
    expect(turn).toBe(check.best.h);
    expect(turn!).toBeLessThan(1e-5);
    const o = explorerOption(check, lightColours, turn) as { series: { markLine?: { data: unknown } }[] };
    expect(o.series[0]!.markLine!.data).toEqual([{ xAxis: turn }]);
    expect(cancellationNote.split('. ').length).toBe(1); // one sentence
    // A slope that stays exact for every h (a linear function of a power-of-two h) has no turn.
    expect(roundingTakesOver({ leaf: 0, grad: 2, slopes: [{ h: 0.5, slope: 2, relError: 0 }, { h: 0.25, slope: 2, relError: 0 }], best: { h: 0.5, slope: 2, relError: 0 }, kink: null, verdict: 'ok' })).toBeNull();
  });

  it('shows a loss curve only for two or more backward calls, then series, then boundaries', () => {
    const b = { xs: [0, 1], ys: [0, 1], scores: [[0, 0], [0, 0]], points: [[0, 0]] as [number, number][], labels: [1] };
    expect(chartsFor({ rootHistory: [1], series: [], boundaries: [] }, lightColours)).toEqual([]);
    const keys = chartsFor({ rootHistory: [3, 2], series: [{ name: 'accuracy', values: [0.5] }], boundaries: [b] }, lightColours).map((c) => c.key);
    expect(keys).toEqual(['loss', 'series:accuracy', 'boundary:0']);
  });

  it('formats numbers for the explorer table', () => {
    expect(formatNumber(-1.5, 8)).toBe('-1.5');
    expect(formatNumber(Math.SQRT1_2, 6)).toBe('0.707107');
    expect(formatNumber(1.23e-9, 6)).toBe('1.2300e-9');
    expect(formatNumber(0)).toBe('0');
  });
});

describe('themes', () => {
  it('follows the system unless chosen, and goes high contrast when presenting', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(monacoTheme('dark', false)).toBe('vs-dark');
    expect(monacoTheme('light', false)).toBe('vs');
    expect(monacoTheme('dark', true)).toBe('hc-black');
    expect(monacoTheme('light', true)).toBe('hc-light');
  });
});

describe('autoplay', () => {
  function target(total: number, breakAt: number[] = []) {
    const state = { position: 0, followed: [] as number[] };
    const t: Playable = {
      position: () => ({ position: state.position, total, next: state.position < total ? 100 + state.position : null }),
      step: () => {
        state.position = Math.min(total, state.position + 1);
      },
      reset: () => {
        state.position = 0;
      },
      breakpoints: () => new Set(breakAt),
      follow: (id) => void state.followed.push(id),
    };
    return { t, state };
  }

  it('offers 0.25 to 8 steps per second', () => {
    expect(speeds[0]).toBe(0.25);
    expect(speeds[speeds.length - 1]).toBe(8);
    expect(intervalMs(0.25)).toBe(4000);
    expect(intervalMs(8)).toBe(125);
    expect(intervalMs(100)).toBe(125);
  });

  it('steps on a timer, follows the current node, pauses, and stops at the end', () => {
    vi.useFakeTimers();
    const { t, state } = target(5);
    const changes: boolean[] = [];
    const a = new Autoplay(t, (p) => changes.push(p));
    a.setSpeed(4);
    a.play();
    vi.advanceTimersByTime(500);
    expect(state.position).toBe(2);
    expect(state.followed).toEqual([100, 101, 102]);
    a.pause();
    vi.advanceTimersByTime(2000);
    expect(state.position).toBe(2);
    a.play();
    vi.advanceTimersByTime(5000);
    expect(state.position).toBe(5);
    expect(a.playing).toBe(false);
    expect(changes).toEqual([true, false, true, false]);
    // Play at the end starts over.
    a.play();
    expect(state.position).toBe(0);
    a.pause();
    vi.useRealTimers();
  });

  it('stops before a breakpoint node', () => {
    vi.useFakeTimers();
    const { t, state } = target(10, [103]);
    const a = new Autoplay(t, () => {});
    a.setSpeed(8);
    a.play();
    vi.advanceTimersByTime(5000);
    expect(state.position).toBe(3);
    expect(a.playing).toBe(false);
    vi.useRealTimers();
  });
});
