// window.gradscope as the page exposes it (renderer/src/automation.ts), for
// the functions the specs run in the page.
import type { ViewState } from './helpers.js';

declare global {
  interface Window {
    gradscope: {
      snapshot(): ViewState;
      position(id: number): { x: number; y: number } | null;
      expand(group: number): Promise<void>;
      collapse(group: number): Promise<void>;
      drawn(): { id: string; box: { x1: number; y1: number; x2: number; y2: number } }[];
    };
  }
}
