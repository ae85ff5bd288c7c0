// Autoplay: steps backward on a timer, following the current node, until the
// end of the call or a breakpoint.

/** Speeds offered, in steps per second. */
export const speeds = [0.25, 0.5, 1, 2, 4, 8];
export const defaultSpeed = 2;

export function intervalMs(stepsPerSecond: number): number {
  return Math.round(1000 / Math.min(8, Math.max(0.25, stepsPerSecond)));
}

export interface Playable {
  /** Position and total steps of the shown call, or null without one. */
  position(): { position: number; total: number; next: number | null } | null;
  step(): void;
  reset(): void;
  breakpoints(): ReadonlySet<number>;
  /** Brings the current node into view. */
  follow(id: number): void;
}

export class Autoplay {
  playing = false;
  speed = defaultSpeed;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly target: Playable, private readonly changed: (playing: boolean) => void) {}

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  play(): void {
    const p = this.target.position();
    if (!p || p.total === 0) return;
    // At the end, play from the start again.
    if (p.position >= p.total) this.target.reset();
    this.playing = true;
    this.changed(true);
    const next = this.target.position()?.next;
    if (next != null) this.target.follow(next);
    this.schedule();
  }

  pause(): void {
    clearTimeout(this.timer);
    if (!this.playing) return;
    this.playing = false;
    this.changed(false);
  }

  setSpeed(stepsPerSecond: number): void {
    this.speed = stepsPerSecond;
    if (this.playing) {
      clearTimeout(this.timer);
      this.schedule();
    }
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.tick(), intervalMs(this.speed));
  }

  private tick(): void {
    if (!this.playing) return;
    this.target.step();
    const p = this.target.position();
    if (!p || p.position >= p.total || (p.next !== null && this.target.breakpoints().has(p.next))) {
      if (p?.next != null) this.target.follow(p.next);
      this.pause();
      return;
    }
    if (p.next !== null) this.target.follow(p.next);
    this.schedule();
  }
}
