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
  it('names a figure from the document, call and step, an animation from the call, the JSON from the document', () => {
    expect(suggestedName('/home/me/tanh-neuron.ts', { call: 0, position: 5 }, 'png')).toBe('tanh-neuron.call1.step5.png');
    expect(suggestedName('/home/me/tanh-neuron.ts', { call: 0, position: 5 }, 'svg')).toBe('tanh-neuron.call1.step5.svg');
    expect(suggestedName('/home/me/tanh-neuron.ts', { call: 2, position: 0 }, 'gif')).toBe('tanh-neuron.call3.gif');
    expect(suggestedName('C:\\work\\net.ts', { call: 0, position: 3 }, 'webm')).toBe('net.call1.webm');
    expect(suggestedName('net.ts', { call: 0, position: 3 }, 'json')).toBe('net.json');
    expect(suggestedName(null, { call: 0, position: 30 }, 'dot')).toBe('graph.call1.step30.dot');
    expect(suggestedName(null, null, 'jpeg')).toBe('graph.jpg');
  });
});
