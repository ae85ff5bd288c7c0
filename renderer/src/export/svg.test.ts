import { describe, expect, it } from 'vitest';
import { buildSvg, type SvgGraph } from './svg.js';

function graph(over: Partial<SvgGraph> = {}): SvgGraph {
  return {
    nodes: [
      {
        shape: 'round-rectangle', x: 100, y: 50, w: 200, h: 24, text: 'a │ data -4.000     │ grad 138.8     ',
        textColour: 'rgb(29,35,48)', bold: false, fill: '#ffffff', strip: { stop: 60, colour: 'rgb(214,55,40)' },
        border: { colour: 'rgb(91,100,117)', width: 1, style: 'solid' },
        underlay: { colour: 'rgb(255,179,0)', opacity: 0.55, padding: 5 },
      },
      { shape: 'ellipse', x: 260, y: 50, w: 24, h: 20, text: '+', textColour: '#000', bold: true, fill: '#eef1f6', border: { colour: '#5b6475', width: 1, style: 'dashed' } },
      { shape: 'round-rectangle', x: 400, y: 50, w: 150, h: 24, text: 'x<y & "z"', textColour: '#d00000', bold: false, fill: 'rgb(255,205,205)', border: { colour: '#d00000', width: 2.5, style: 'solid' } },
    ],
    edges: [
      { from: [200, 50], to: [248, 50], colour: '#8a93a6', width: 1.2, arrow: true },
      { from: [272, 50], to: [325, 50], colour: '#178a3a', width: 2.5, arrow: true, label: { text: '+1.000', x: 298, y: 42, colour: '#178a3a', background: '#ffffff' } },
    ],
    box: { x1: 0, y1: 30, x2: 480, y2: 70 },
    scale: 1,
    background: 'rgb(251, 252, 253)',
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace',
    fontSize: 11,
    edgeFontSize: 10,
    ...over,
  };
}

/** A light well-formedness check: every tag closes, in order (no DOM in the unit tests). */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[3] === '/') continue;
    if (m[1] === '/') {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0;
}

describe('buildSvg', () => {
  it('is a sized SVG over the box, with the background', () => {
    const svg = buildSvg(graph({ scale: 2 }));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" version="1.1" width="960" height="80" viewBox="0 30 480 40">/);
    expect(svg).toContain('<rect x="0" y="30" width="480" height="40" fill="rgb(251, 252, 253)"/>');
    expect(balanced(svg)).toBe(true);
  });

  it('keeps node text as text, escaped, with spaces preserved', () => {
    const svg = buildSvg(graph());
    expect(svg).toContain('xml:space="preserve" fill="rgb(29,35,48)">a │ data -4.000     │ grad 138.8     </text>');
    expect(svg).toContain('>x&lt;y &amp; "z"</text>');
    expect(svg).toContain('font-weight="bold">+</text>');
    expect(svg).toContain('font-family="ui-monospace, &quot;DejaVu Sans Mono&quot;, monospace"');
  });

  it('draws the grad strip with a hard stop, the ellipse, dashes and the highlight underlay', () => {
    const svg = buildSvg(graph());
    expect(svg).toContain('<linearGradient id="strip0" x1="0" y1="0" x2="1" y2="0"><stop offset="60%" stop-color="#ffffff"/><stop offset="60%" stop-color="rgb(214,55,40)"/></linearGradient>');
    expect(svg).toContain('fill="url(#strip0)"');
    expect(svg).toContain('<ellipse cx="260" cy="50" rx="12" ry="10" fill="#eef1f6" stroke="#5b6475" stroke-width="1" stroke-dasharray="5 3"/>');
    expect(svg).toContain('<rect x="-5" y="33" width="210" height="34" rx="8.5" fill="rgb(255,179,0)" fill-opacity="0.55"/>');
  });

  it('draws edges with one arrow marker per colour and the step deltas', () => {
    const svg = buildSvg(graph());
    expect(svg.match(/<marker /g)).toHaveLength(2);
    expect(svg).toContain('<line x1="200" y1="50" x2="248" y2="50" stroke="#8a93a6" stroke-width="1.2" marker-end="url(#arrow0)"/>');
    expect(svg).toContain('fill="#178a3a">+1.000</text>');
  });

  it('leaves the background out when transparent, and writes no NaN', () => {
    const g = graph({ background: null });
    g.nodes[1]!.x = NaN;
    const svg = buildSvg(g);
    expect(svg).not.toContain('fill="rgb(251, 252, 253)"');
    expect(svg).not.toContain('NaN');
  });
});
