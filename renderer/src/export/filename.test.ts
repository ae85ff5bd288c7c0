import { describe, expect, it } from 'vitest';
import { suggestedName, withExtension } from './filename.js';

describe('withExtension', () => {
  it('adds the format extension to a bare name', () => {
    expect(withExtension('graph', 'png')).toBe('graph.png');
    expect(withExtension('graph', 'jpeg')).toBe('graph.jpg');
    expect(withExtension('graph', 'svg')).toBe('graph.svg');
    expect(withExtension('graph', 'dot')).toBe('graph.dot');
    expect(withExtension('graph', 'json')).toBe('graph.json');
  });

  it('keeps an extension that belongs to the format, in any case', () => {
    expect(withExtension('graph.PNG', 'png')).toBe('graph.PNG');
    expect(withExtension('photo.jpeg', 'jpeg')).toBe('photo.jpeg');
    expect(withExtension('g.gv', 'dot')).toBe('g.gv');
  });

  it('appends when the extension is another format’s, or the dot is not an extension', () => {
    expect(withExtension('graph.png', 'svg')).toBe('graph.png.svg');
    expect(withExtension('model.v2', 'png')).toBe('model.v2.png');
    expect(withExtension('.hidden', 'png')).toBe('.hidden.png');
    expect(withExtension('graph.', 'png')).toBe('graph.png');
    expect(withExtension('dir.d/graph', 'dot')).toBe('dir.d/graph.dot');
  });

  it('never gives an empty name', () => {
    expect(withExtension('  ', 'json')).toBe('graph.json');
  });
});

describe('suggestedName', () => {
  it('uses the program name and the step when the stepper is mid-way', () => {
    expect(suggestedName('/home/me/micrograd-readme.ts', { position: 12, total: 30 }, 'png')).toBe('micrograd-readme-step12.png');
    expect(suggestedName(null, { position: 30, total: 30 }, 'dot')).toBe('graph.dot');
    expect(suggestedName('C:\\work\\net.ts', null, 'svg')).toBe('net.svg');
  });
});
