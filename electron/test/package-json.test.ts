// package.json facts the desktop app and the README rely on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectExternalUrl } from '../core/ipc-validation.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('package.json', () => {
  it('has a web homepage, so Help ▸ Gradscope README appears (main.ts reads it)', () => {
    expect(() => expectExternalUrl(pkg.homepage)).not.toThrow();
  });

  it('declares the Node versions it runs on, and this Node is one of them', () => {
    const engines = pkg.engines as { node: string };
    const minimum = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(engines.node);
    expect(minimum, engines.node).not.toBeNull();
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    const [wantMajor, wantMinor] = [Number(minimum![1]), Number(minimum![2])];
    expect(major > wantMajor || (major === wantMajor && minor >= wantMinor)).toBe(true);
  });
});
