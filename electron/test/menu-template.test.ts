import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../api.js';
import { buildMenuTemplate, type MenuActions, type MenuContext } from '../core/menu-template.js';

type Item = MenuItemConstructorOptions;

/** Records every action the menu triggers. */
function recorder() {
  const calls: string[] = [];
  const actions: MenuActions = {
    send: (command: MenuCommand) => calls.push(`send ${command}`),
    newDocument: () => calls.push('new'),
    openRecent: (path) => calls.push(`recent ${path}`),
    clearRecent: () => calls.push('clear'),
    about: () => calls.push('about'),
    openReadme: (url) => calls.push(`readme ${url}`),
  };
  return { calls, actions };
}

const linux: MenuContext = { platform: 'linux', recentFiles: [], readmeUrl: 'https://example.org/gradscope#readme' };

function submenu(items: Item[], label: string): Item[] {
  const menu = items.find((i) => i.label === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no submenu ${label}`);
  return menu.submenu;
}

function item(items: Item[], label: string): Item {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no item ${label}`);
  return found;
}

/** Runs an item's click handler the way Electron would (the arguments are unused). */
function click(entry: Item): void {
  const handler = entry.click as (() => void) | undefined;
  if (!handler) throw new Error(`${entry.label} has no click`);
  handler();
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Debug and Help (and the app menu first on macOS)', () => {
    const { actions } = recorder();
    expect(buildMenuTemplate(linux, actions).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Debug', 'Help']);
    expect(buildMenuTemplate({ ...linux, platform: 'darwin' }, actions).map((m) => m.label)).toEqual(['Gradscope', 'File', 'Edit', 'View', 'Debug', 'Help']);
  });

  it('File has the document commands with their shortcuts, and Quit off macOS', () => {
    const { calls, actions } = recorder();
    const file = submenu(buildMenuTemplate(linux, actions), 'File');
    const shortcuts = file.filter((i) => i.label).map((i) => [i.label, i.accelerator ?? null]);
    expect(shortcuts).toEqual([
      ['New', 'CmdOrCtrl+N'],
      ['Open…', 'CmdOrCtrl+O'],
      ['Open Recent', null],
      ['Examples…', null],
      ['Save', 'CmdOrCtrl+S'],
      ['Save As…', 'CmdOrCtrl+Shift+S'],
      ['Export…', 'CmdOrCtrl+Shift+E'],
      ['Quit', 'CmdOrCtrl+Q'],
    ]);
    expect(item(file, 'Quit').role).toBe('quit');
    for (const label of ['New', 'Open…', 'Save', 'Save As…', 'Export…']) click(item(file, label));
    // New goes through the main process (unsaved-changes check); the rest to the renderer.
    expect(calls).toEqual(['new', 'send file:open', 'send file:save', 'send file:save-as', 'send file:export']);
    const macFile = submenu(buildMenuTemplate({ ...linux, platform: 'darwin' }, actions), 'File');
    expect(macFile.some((i) => i.role === 'quit')).toBe(false);
  });

  it('File ▸ Export… shows Ctrl/Cmd+Shift+E without registering it (the renderer binds it, in Monaco too)', () => {
    const { actions } = recorder();
    const exportItem = item(submenu(buildMenuTemplate(linux, actions), 'File'), 'Export…');
    expect(exportItem.registerAccelerator).toBe(false);
  });

  it('Open Recent lists the files newest first and can be cleared', () => {
    const { calls, actions } = recorder();
    const context = { ...linux, recentFiles: ['/w/b.ts', '/w/a.ts'] };
    const recent = submenu(submenu(buildMenuTemplate(context, actions), 'File'), 'Open Recent');
    expect(recent.map((i) => i.label ?? i.type)).toEqual(['/w/b.ts', '/w/a.ts', 'separator', 'Clear Recent']);
    click(item(recent, '/w/a.ts'));
    click(item(recent, 'Clear Recent'));
    expect(calls).toEqual(['recent /w/a.ts', 'clear']);
  });

  it('Open Recent says so when it is empty', () => {
    const { actions } = recorder();
    const recent = submenu(submenu(buildMenuTemplate(linux, actions), 'File'), 'Open Recent');
    expect(recent).toEqual([{ label: 'No Recent Files', enabled: false }]);
  });

  it('Edit is made of standard roles', () => {
    const { actions } = recorder();
    const edit = submenu(buildMenuTemplate(linux, actions), 'Edit');
    expect(edit.filter((i) => i.role).map((i) => i.role)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('View zooms by role and toggles panels through the renderer', () => {
    const { calls, actions } = recorder();
    const view = submenu(buildMenuTemplate(linux, actions), 'View');
    expect(view.filter((i) => i.role).map((i) => i.role)).toEqual(['zoomIn', 'zoomOut', 'resetZoom', 'toggleDevTools', 'togglefullscreen']);
    for (const label of ['Toggle Console', 'Toggle Inspector', 'Fit Graph']) click(item(view, label));
    expect(calls).toEqual(['send view:toggle-console', 'send view:toggle-inspector', 'send view:fit']);
  });

  it('File ▸ Examples… opens the gallery; View has Presentation (Shift+F11, not registered) and the theme switch', () => {
    const { calls, actions } = recorder();
    const template = buildMenuTemplate(linux, actions);
    click(item(submenu(template, 'File'), 'Examples…'));
    const view = submenu(template, 'View');
    const presentation = item(view, 'Presentation');
    expect([presentation.accelerator, presentation.registerAccelerator]).toEqual(['Shift+F11', false]);
    click(presentation);
    click(item(view, 'Switch Theme (System, Light, Dark)'));
    expect(calls).toEqual(['send file:examples', 'send view:presentation', 'send view:theme']);
  });

  it('Debug shows the stepper keys without registering them (the renderer owns the keys)', () => {
    const { calls, actions } = recorder();
    const debug = submenu(buildMenuTemplate(linux, actions), 'Debug').filter((i) => i.label);
    expect(debug.map((i) => [i.label, i.accelerator, i.registerAccelerator])).toEqual([
      ['Run', 'CmdOrCtrl+Enter', false],
      ['Step', 'F10', false],
      ['Step Back', 'Shift+F10', false],
      ['Run to End', 'F5', false],
      ['Reset', 'CmdOrCtrl+Shift+F5', false],
    ]);
    for (const entry of debug) click(entry);
    expect(calls).toEqual(['send debug:run', 'send debug:step', 'send debug:step-back', 'send debug:run-to-end', 'send debug:reset']);
  });

  it('Help has About and the README link, which is left out when there is none', () => {
    const { calls, actions } = recorder();
    const help = submenu(buildMenuTemplate(linux, actions), 'Help');
    click(item(help, 'About Gradscope'));
    click(item(help, 'Gradscope README'));
    expect(calls).toEqual(['about', 'readme https://example.org/gradscope#readme']);
    const bare = submenu(buildMenuTemplate({ ...linux, readmeUrl: null }, actions), 'Help');
    expect(bare.map((i) => i.label)).toEqual(['About Gradscope']);
  });
});
