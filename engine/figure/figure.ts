// Figures for slides and papers, shared by the app's Export dialog and
// `gradscope export`: one backward call's graph as SVG at one step, either
// clean (no marks) or as the debugger shows it (the step's marks, deltas and
// explanation), and every step of the call as the frames of an animation.

import { caption, wrap } from './caption.js';
import { figureGraph, layOut, textWidth, type Direction, type ElkLayout } from './layout.js';
import { replay, stateAt, stepCount, type FigureSource, type FigureState } from './model.js';
import { captionChars, figureSize, renderSvg, type SvgOptions } from './svg.js';
import { themes, type ThemeName } from './theme.js';

export interface FigureOptions {
  /** The stepper position, 0 (before any step) … the call's step count (default: the end). */
  step?: number;
  /** false: a clean figure (default); true: the step's marks, deltas and explanation, as shown. */
  asShown?: boolean;
  direction?: Direction;
  theme?: ThemeName;
  /** 'theme': the theme's background (white in light). */
  background?: 'theme' | 'white' | 'transparent';
  /** Space around the graph, in px (default 16). */
  margin?: number;
}

export const defaultMargin = 16;
/** ELK lays out ~800 boxes in about 2 s; beyond this many values a figure would take too long. */
export const maxFigureValues = 1500;
/** An animation is one image per step: beyond this many frames it is too large to be useful. */
export const maxFrames = 600;

export class FigureError extends Error {}

/** Refuses a graph too large to lay out in reasonable time, saying why and what to do instead. */
export function checkFigureSize(source: FigureSource): void {
  if (source.nodes.length > maxFigureValues) {
    throw new FigureError(`This graph has ${source.nodes.length.toLocaleString('en-US')} values; figures are limited to ` +
      `${maxFigureValues.toLocaleString('en-US')} (laying out more takes minutes). Export it as DOT or JSON instead.`);
  }
}

/** How many frames an animation of every `every`-th step has, and whether that is allowed. */
export function frameSteps(source: FigureSource, every = 1): number[] {
  const total = stepCount(source);
  const k = Math.max(1, Math.floor(every));
  const steps: number[] = [];
  for (let s = 0; s < total; s += k) steps.push(s);
  steps.push(total);
  return steps;
}

export function checkAnimationSize(source: FigureSource, every = 1): void {
  checkFigureSize(source);
  if (source.call === null) throw new FigureError('There is no backward() call to animate: the program never called backward().');
  const frames = frameSteps(source, every).length;
  if (frames > maxFrames) {
    const k = Math.ceil(stepCount(source) / (maxFrames - 1));
    throw new FigureError(`Animating every step would make ${frames.toLocaleString('en-US')} frames; the limit is ${maxFrames}. ` +
      `Keep one frame every ${k} steps instead.`);
  }
}

function svgOptions(options: FigureOptions, title: string): Omit<SvgOptions, 'caption' | 'captionLines' | 'minWidth'> & { marks: boolean } {
  const theme = themes[options.theme ?? 'light'];
  const bg = options.background ?? 'theme';
  return {
    theme,
    background: bg === 'transparent' ? null : bg === 'white' ? '#ffffff' : theme.background,
    margin: Math.max(0, options.margin ?? defaultMargin),
    marks: options.asShown ?? false,
    title,
  };
}

function titleOf(source: FigureSource, step: number): string {
  const root = source.call === null ? null : source.nodes.find((n) => n.id === source.call!.root);
  return root ? `Gradscope: the graph of ${root.label ?? `#${root.id}`}, step ${step} of ${stepCount(source)}` : 'Gradscope: computation graph';
}

/** The figure at one step as SVG text. */
export async function figureSvg(source: FigureSource, options: FigureOptions, elk: ElkLayout): Promise<string> {
  checkFigureSize(source);
  const state = stateAt(source, options.step ?? stepCount(source));
  const base = svgOptions(options, titleOf(source, state.step));
  const graph = figureGraph(source, base.marks);
  const laid = await layOut(graph, options.direction ?? 'lr', elk);
  const byId = new Map(source.nodes.map((n) => [n.id, n]));
  const lines = base.marks ? wrap(caption(state, byId, source.call?.root ?? null), captionChars(laid.width)) : [];
  return renderSvg(graph, laid, source, state, { ...base, caption: lines, captionLines: lines.length, minWidth: widest(lines) });
}

export interface Frames {
  width: number;
  height: number;
  steps: number[];
  /** The SVG of frame i; every frame has the same size and layout. */
  svg(i: number): string;
}

/**
 * The frames of an animation of the call: every `every`-th step and the last,
 * as shown (marks, deltas and the explanation under the graph), laid out once.
 */
export async function animationFrames(source: FigureSource, options: FigureOptions, elk: ElkLayout, every = 1): Promise<Frames> {
  checkAnimationSize(source, every);
  const steps = frameSteps(source, every);
  const base = svgOptions({ ...options, asShown: true }, titleOf(source, stepCount(source)));
  const graph = figureGraph(source, true);
  const laid = await layOut(graph, options.direction ?? 'lr', elk);
  const byId = new Map(source.nodes.map((n) => [n.id, n]));
  const width = captionChars(laid.width);
  // Captions of every frame first, so every frame makes room for the longest.
  const wanted = new Set(steps);
  const states: FigureState[] = [];
  replay(source, (s) => wanted.has(s.step) && states.push({ ...s, grad: new Map(s.grad) }));
  const captions = states.map((s) => wrap(caption(s, byId, source.call!.root), width));
  const captionLines = Math.max(...captions.map((c) => c.length));
  const minWidth = Math.max(...captions.map(widest));
  const size = figureSize(laid, { margin: base.margin, captionLines, minWidth });
  return {
    ...size,
    steps,
    svg: (i) => renderSvg(graph, laid, source, states[i]!, { ...base, title: titleOf(source, states[i]!.step), caption: captions[i]!, captionLines, minWidth }),
  };
}

const widest = (lines: string[]) => textWidth(Math.max(0, ...lines.map((l) => l.length)));

/**
 * A file name from the document: `tanh-neuron.call1.step5.png`, or
 * `tanh-neuron.call1.gif` for an animation; `graph` when the program has no name.
 */
export function figureFileName(program: string | null, call: number | null, step: number | null, ext: string): string {
  const base = program?.split(/[\\/]/).pop()?.replace(/\.[^.]*$/, '') || 'graph';
  const at = call === null ? '' : `.call${call + 1}${step === null ? '' : `.step${step}`}`;
  return `${base}${at}.${ext}`;
}
