// The window's panes: editor | graph | side panel, split by draggable (and
// keyboard-movable) dividers, with the side panel collapsible. Widths and the
// collapsed state are remembered in localStorage. The layout is CSS grid; this
// only sets two custom properties on it and a class on the body.

const key = 'gradscope.panes';
const minEditor = 220;
const minSide = 180;
/** The graph keeps at least this much width whatever the dividers say. */
const minGraph = 320;

interface Sizes { editor: number | null; side: number; collapsed: boolean }

export interface Panes {
  /** Opens the side panel (when the user asks to inspect something). */
  showSide(): void;
  toggleSide(): void;
  readonly sideOpen: boolean;
}

export function installPanes(layout: HTMLElement, editorSplit: HTMLElement, sideSplit: HTMLElement, toggle: HTMLButtonElement): Panes {
  const sizes = load();
  const apply = () => {
    const width = layout.clientWidth || window.innerWidth;
    const side = sizes.collapsed ? 0 : clamp(sizes.side, minSide, Math.max(minSide, width / 2));
    if (sizes.editor === null) layout.style.removeProperty('--editor-w');
    else layout.style.setProperty('--editor-w', `${clamp(sizes.editor, minEditor, Math.max(minEditor, width - side - minGraph))}px`);
    layout.style.setProperty('--side-w', `${side}px`);
    document.body.classList.toggle('side-collapsed', sizes.collapsed);
    toggle.setAttribute('aria-expanded', String(!sizes.collapsed));
    toggle.textContent = sizes.collapsed ? '◂ Panel' : 'Panel ▸';
  };
  const save = () => localStorage.setItem(key, JSON.stringify(sizes));

  drag(editorSplit, () => layout.querySelector<HTMLElement>('.left')!.getBoundingClientRect().width, (w) => {
    sizes.editor = w;
    apply();
  }, 1, save);
  drag(sideSplit, () => sizes.side, (w) => {
    sizes.side = clamp(w, minSide, layout.clientWidth / 2);
    apply();
  }, -1, save);

  const panes: Panes = {
    get sideOpen() {
      return !sizes.collapsed;
    },
    showSide() {
      if (!sizes.collapsed) return;
      sizes.collapsed = false;
      apply();
      save();
    },
    toggleSide() {
      sizes.collapsed = !sizes.collapsed;
      apply();
      save();
    },
  };
  toggle.onclick = () => panes.toggleSide();
  window.addEventListener('resize', apply);
  apply();
  return panes;
}

/** Pointer drag and arrow keys on a divider; `sign` is +1 when moving right grows the pane. */
function drag(handle: HTMLElement, start: () => number, set: (width: number) => void, sign: 1 | -1, done: () => void): void {
  handle.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    handle.setPointerCapture(e.pointerId);
    handle.classList.add('dragging');
    const x0 = e.clientX;
    const w0 = start();
    const move = (m: PointerEvent) => set(w0 + sign * (m.clientX - x0));
    const up = () => {
      handle.classList.remove('dragging');
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      done();
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  });
  handle.addEventListener('keydown', (e) => {
    const by = e.key === 'ArrowLeft' ? -20 : e.key === 'ArrowRight' ? 20 : 0;
    if (by === 0) return;
    e.preventDefault();
    set(start() + sign * by);
    done();
  });
}

function load(): Sizes {
  // The graph gets most of the width: on narrow windows the side panel starts narrower.
  const fallback: Sizes = { editor: null, side: Math.round(clamp(window.innerWidth * 0.15, minSide, 240)), collapsed: false };
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<Sizes> | null;
    if (!stored) return fallback;
    return {
      editor: typeof stored.editor === 'number' ? stored.editor : null,
      side: typeof stored.side === 'number' ? stored.side : fallback.side,
      collapsed: stored.collapsed === true,
    };
  } catch {
    return fallback;
  }
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
