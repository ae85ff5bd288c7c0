import { describe, expect, it } from 'vitest';
import { MAX_AREA, MAX_SIDE, MIN_READABLE_SCALE, describePlan, planRaster } from './limits.js';

describe('planRaster', () => {
  it('keeps the asked scale when the image fits', () => {
    expect(planRaster(800.2, 300, 2)).toEqual({ ok: true, scale: 2, width: 1602, height: 600, reduced: false, requested: 2 });
    expect(planRaster(800, 300, 4)).toMatchObject({ ok: true, scale: 4, width: 3200, height: 1200 });
  });

  it('scales a too-wide image down to the side limit and says so', () => {
    const plan = planRaster(10_000, 400, 4);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.reduced).toBe(true);
    expect(plan.width).toBeLessThanOrEqual(MAX_SIDE);
    expect(plan.width).toBeGreaterThan(MAX_SIDE - 20);
    expect(plan.scale).toBeCloseTo(3.276, 2);
    expect(describePlan(plan)).toMatch(/^Scaled to 328% \(asked for 4×\)/);
  });

  it('scales down to the area limit when neither side is too long', () => {
    const plan = planRaster(9000, 9000, 4);
    expect(plan.ok && plan.reduced).toBe(true);
    if (!plan.ok) return;
    expect(plan.width * plan.height).toBeLessThanOrEqual(MAX_AREA);
    expect(plan.width).toBeLessThanOrEqual(MAX_SIDE);
    expect(plan.width * plan.height).toBeGreaterThan(MAX_AREA * 0.99);
  });

  it('refuses, with the reason, when fitting would make the text unreadable', () => {
    const plan = planRaster(200_000, 500, 1);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.reason).toContain('200,000 × 500 px');
    expect(plan.reason).toContain('32,767 px a side');
    expect(plan.reason).toContain('too small to read');
    expect(plan.reason).toContain('SVG or DOT');
  });

  it('accepts exactly the limit and the floor', () => {
    expect(planRaster(MAX_SIDE, 100, 1)).toMatchObject({ ok: true, reduced: false, width: MAX_SIDE });
    expect(planRaster(MAX_SIDE + 1, 100, 1)).toMatchObject({ ok: true, reduced: true });
    const atFloor = planRaster(MAX_SIDE / MIN_READABLE_SCALE - 10, 10, 1);
    expect(atFloor.ok).toBe(true);
    expect(planRaster(MAX_SIDE / MIN_READABLE_SCALE + 200, 10, 1).ok).toBe(false);
  });

  it('never plans an empty image', () => {
    expect(planRaster(0, 0, 1)).toMatchObject({ ok: true, width: 1, height: 1 });
  });
});
