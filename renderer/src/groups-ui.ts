// The controls of a grouped graph (issue 8): expand or collapse a group
// (double-click or Enter on it, its context menu, Expand all / Collapse all),
// step into the group the current step is in, a breakpoint on a group, and
// the status line `65,818 values in 312 groups · 640 drawn`. The session
// holds the state; this module only turns user actions into session calls.

import { count } from '../../common/format.js';
import { expansionPlan, openingCollapsed } from './graph/groups.js';
import type { GraphView } from './graph/view.js';
import type { Session } from './session.js';
import { showStatus } from './status-line.js';

export interface GroupControls {
  expand(group: number): Promise<void>;
  collapse(group: number): Promise<void>;
  expandAll(): Promise<void>;
  collapseAll(): Promise<void>;
  stepInto(): Promise<void>;
  /** `65,818 values in 312 groups · 640 drawn`, or null when the graph has no groups. */
  summary(): string | null;
  /** The value context menu opened on `id`: offer to collapse the group it is in. */
  valueMenu(id: number): void;
  /** The stepper moved or a graph was drawn: update what depends on it. */
  changed(): void;
}

const button = (id: string, text: string, title: string): HTMLButtonElement => {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = id;
  b.textContent = text;
  b.title = title;
  return b;
};

export function installGroupControls(session: Session, view: GraphView, status: HTMLElement): GroupControls {
  const $ = (id: string) => document.getElementById(id)!;
  const expandAllButton = button('expand-all', 'Expand all', 'Open every group (as far as the drawing limit allows)');
  const collapseAllButton = button('collapse-all', 'Collapse all', 'Close every group');
  const stepIntoButton = button('step-into', 'Step into group', 'Open the group the next step is in, to show its node');
  // At the left of the bar above the graph (the grad legend is at its right): over the graph
  // they would hide boxes, and the toolbars above and below are full at 1280 px.
  const tools = document.createElement('div');
  tools.id = 'group-tools';
  tools.setAttribute('role', 'toolbar');
  tools.setAttribute('aria-label', 'Groups');
  tools.hidden = true;
  tools.append(expandAllButton, collapseAllButton, stepIntoButton);
  $('graph-bar').prepend(tools);
  const notice = document.createElement('div');
  notice.id = 'group-notice';
  notice.setAttribute('role', 'status');
  notice.hidden = true;
  const noticeText = document.createElement('span');
  const more = document.createElement('button');
  more.type = 'button';
  more.textContent = 'Show more';
  more.title = 'Draw twice as many of the values and groups nearest the root';
  // Offered when expanding a group whole would pass the drawing limit but opening it one level fits.
  const offer = document.createElement('button');
  offer.type = 'button';
  offer.id = 'expand-children';
  offer.textContent = 'Expand children one level';
  offer.title = 'Open the group with the groups inside it collapsed';
  offer.hidden = true;
  let offered: (() => void) | null = null;
  notice.append(noticeText, ' ', more, offer);
  $('size-notice').after(notice);
  // The context menu of a collapsed group.
  const menu = document.createElement('div');
  menu.id = 'group-menu';
  menu.setAttribute('role', 'menu');
  menu.hidden = true;
  $('context-menu').after(menu);
  // In the value context menu: collapse the (opened) group the value is in.
  const collapseItem = document.createElement('button');
  collapseItem.type = 'button';
  collapseItem.setAttribute('role', 'menuitem');
  collapseItem.hidden = true;
  $('context-menu').append(collapseItem);
  window.addEventListener('pointerdown', (e) => {
    if (!menu.contains(e.target as Node)) menu.hidden = true;
  });

  const limit = () => session.limit * 2 ** session.widened;
  const labelOf = (g: number) => session.grouped?.groups.byId.get(g)?.label ?? `group ${g}`;
  /** A message about the last action; when there is none, whether part of the graph is left out. */
  let message = '';
  const say = (text: string, action: { run: () => void } | null = null) => {
    message = text;
    offered = action?.run ?? null;
    showNotice();
  };
  const showNotice = () => {
    const cut = session.grouped?.view.cut ?? 0;
    const text = message || (cut > 0 ? `Showing the groups and values nearest the root; ${count(cut)} farther ones are left out.` : '');
    noticeText.textContent = text;
    more.hidden = message !== '' || cut === 0;
    offer.hidden = message === '' || offered === null;
    notice.hidden = text === '';
  };
  const timed = async (action: () => Promise<void>) => {
    const started = performance.now();
    await action();
    const s = summary();
    if (s !== null) showStatus(status, `${s} · redrawn in ${Math.round(performance.now() - started)} ms`);
    changed();
  };

  function summary(): string | null {
    const g = session.grouped;
    if (!g) return null;
    return `${count(g.order.length)} values in ${count(g.relevant.length)} groups · ${count(g.view.values.length + g.view.groups.length)} drawn`;
  }

  async function expand(group: number): Promise<void> {
    const g = session.grouped;
    if (!g?.collapsed.has(group)) return;
    const plan = expansionPlan(session.index!, g.groups, g.order, g.collapsed, group, limit());
    const over = `Expanding ${labelOf(group)} would draw ${count(plan.wholeDrawn)} values and groups, more than the drawing limit (${count(limit())})`;
    if (plan.fits === 'children') {
      const children = plan.children;
      say(`${over}. Its children one level (the groups inside it collapsed) draw ${count(plan.childrenDrawn)}.`, {
        run: () => {
          say('');
          void timed(() => session.setCollapsed(children, group));
        },
      });
      return;
    }
    if (plan.fits === 'none') {
      say(`${over}; raise the Limit to expand it.`);
      return;
    }
    say('');
    await timed(() => session.setCollapsed(plan.whole, group));
  }

  async function collapse(group: number): Promise<void> {
    const g = session.grouped;
    if (!g || g.collapsed.has(group)) return;
    say('');
    await timed(() => session.setCollapsed(new Set([...g.collapsed, group]), group));
  }

  async function expandAll(): Promise<void> {
    const g = session.grouped;
    if (!g) return;
    const index = session.index!;
    // Every group when that fits the drawing limit; else as many levels as fit (outermost first).
    const all = session.viewWith(new Set())!;
    let next = new Set<number>();
    if (all.values.length + all.groups.length > limit()) {
      next = openingCollapsed(index, g.groups, g.order, 3 * limit());
      say(`Expanded ${count(g.relevant.length - next.size)} of ${count(g.relevant.length)} groups: opening the rest would pass the drawing limit (${count(limit())} values).`);
    } else say('');
    await timed(() => session.setCollapsed(next, null));
  }

  async function collapseAll(): Promise<void> {
    const g = session.grouped;
    if (!g) return;
    say('');
    await timed(() => session.setCollapsed(new Set(g.relevant), null));
  }

  async function stepInto(): Promise<void> {
    const next = session.stepper?.next() ?? null;
    if (next === null || session.currentGroup() === null) return;
    await timed(async () => {
      await session.revealValue(next);
    });
  }

  function changed(): void {
    const grouped = session.grouped !== null;
    tools.hidden = !grouped;
    stepIntoButton.disabled = session.currentGroup() === null;
    if (!grouped) message = '';
    showNotice();
  }

  function openMenu(group: number, x: number, y: number): void {
    const items: [string, () => void][] = [
      [`Expand ${labelOf(group)}`, () => void expand(group)],
      [session.groupBreakpoints.has(group) ? 'Remove breakpoint on group' : 'Add breakpoint on group', () => session.toggleGroupBreakpoint(group)],
    ];
    const g = session.grouped;
    const plan = g && expansionPlan(session.index!, g.groups, g.order, g.collapsed, group, limit());
    if (plan?.fits === 'children') items.splice(1, 0, ['Expand children one level', () => void timed(() => session.setCollapsed(plan.children, group))]);
    if (session.currentGroup() === group) items.push(['Step into group', () => void stepInto()]);
    menu.replaceChildren(
      ...items.map(([text, act]) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.setAttribute('role', 'menuitem');
        b.textContent = text;
        b.onclick = () => {
          menu.hidden = true;
          act();
        };
        return b;
      }),
    );
    menu.style.left = `${x}px`;
    menu.style.top = `${y}px`;
    menu.hidden = false;
  }

  view.groupEvents = {
    toggle: (group) => void expand(group),
    contextMenu: openMenu,
  };
  expandAllButton.onclick = () => void expandAll();
  collapseAllButton.onclick = () => void collapseAll();
  stepIntoButton.onclick = () => void stepInto();
  more.onclick = () => void timed(() => session.widen());
  offer.onclick = () => offered?.();

  return {
    expand, collapse, expandAll, collapseAll, stepInto, summary, changed,
    valueMenu(id) {
      const g = session.node(id)?.group ?? null;
      collapseItem.hidden = g === null || session.grouped === null || !session.grouped.relevant.includes(g);
      if (collapseItem.hidden || g === null) return;
      collapseItem.textContent = `Collapse ${labelOf(g)}`;
      collapseItem.onclick = () => {
        $('context-menu').hidden = true;
        void collapse(g);
      };
    },
  };
}

