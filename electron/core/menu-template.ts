// The application menu as data. main.ts turns it into a native menu with
// Menu.buildFromTemplate; keeping it here makes its contents testable without
// Electron (only Electron's *types* are imported).
//
// Debug accelerators are shown but not registered (registerAccelerator: false):
// the renderer already binds F10/F5/Ctrl+Enter inside Monaco and on the page,
// and a registered menu accelerator would fire a second time. macOS always
// registers menu key equivalents; there the menu wins and the page never sees
// the key, so each command still runs exactly once.

import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../api.js';

export interface MenuActions {
  /** Forwards a command to the renderer. */
  send(command: MenuCommand): void;
  /** New is decided in the main process (it may need the unsaved-changes prompt first). */
  newDocument(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  about(): void;
  openReadme(url: string): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  recentFiles: readonly string[];
  /** Project page for Help; the item is left out when the app has none. */
  readmeUrl: string | null;
}

export function buildMenuTemplate(context: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  return [
    ...(mac ? [appMenu()] : []),
    fileMenu(context, actions, mac),
    editMenu(),
    viewMenu(actions),
    debugMenu(actions),
    helpMenu(context, actions),
  ];
}

function appMenu(): MenuItemConstructorOptions {
  return {
    label: 'Gradscope',
    submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };
}

function fileMenu(context: MenuContext, actions: MenuActions, mac: boolean): MenuItemConstructorOptions {
  const submenu: MenuItemConstructorOptions[] = [
    { label: 'New', accelerator: 'CmdOrCtrl+N', click: () => actions.newDocument() },
    { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.send('file:open') },
    { label: 'Open Recent', submenu: recentMenu(context.recentFiles, actions) },
    { label: 'Examples…', click: () => actions.send('file:examples') },
    { type: 'separator' },
    { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => actions.send('file:save') },
    { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.send('file:save-as') },
    { type: 'separator' },
    // Not registered: the renderer binds Ctrl/Cmd+Shift+E itself (in Monaco too), like the Debug keys.
    { label: 'Export…', accelerator: 'CmdOrCtrl+Shift+E', registerAccelerator: false, click: () => actions.send('file:export') },
  ];
  // macOS keeps Quit in the application menu.
  if (!mac) submenu.push({ type: 'separator' }, { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' });
  return { label: 'File', submenu };
}

function recentMenu(recent: readonly string[], actions: MenuActions): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No Recent Files', enabled: false }];
  return [
    ...recent.map((path): MenuItemConstructorOptions => ({ label: path, click: () => actions.openRecent(path) })),
    { type: 'separator' },
    { label: 'Clear Recent', click: () => actions.clearRecent() },
  ];
}

function editMenu(): MenuItemConstructorOptions {
  return {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
}

function viewMenu(actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: 'View',
    submenu: [
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom' },
      { type: 'separator' },
      { label: 'Toggle Console', click: () => actions.send('view:toggle-console') },
      { label: 'Toggle Inspector', click: () => actions.send('view:toggle-inspector') },
      { label: 'Fit Graph', click: () => actions.send('view:fit') },
      { type: 'separator' },
      // Not registered: the renderer binds Shift+F11 itself (in Monaco too). F11 stays full screen.
      { label: 'Presentation', accelerator: 'Shift+F11', registerAccelerator: false, click: () => actions.send('view:presentation') },
      { label: 'Switch Theme (System, Light, Dark)', click: () => actions.send('view:theme') },
      { type: 'separator' },
      { role: 'toggleDevTools' },
      { role: 'togglefullscreen' },
    ],
  };
}

function debugMenu(actions: MenuActions): MenuItemConstructorOptions {
  const item = (label: string, accelerator: string, command: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator: false,
    click: () => actions.send(command),
  });
  return {
    label: 'Debug',
    submenu: [
      item('Run', 'CmdOrCtrl+Enter', 'debug:run'),
      { type: 'separator' },
      item('Step', 'F10', 'debug:step'),
      item('Step Back', 'Shift+F10', 'debug:step-back'),
      item('Run to End', 'F5', 'debug:run-to-end'),
      item('Reset', 'CmdOrCtrl+Shift+F5', 'debug:reset'),
    ],
  };
}

function helpMenu(context: MenuContext, actions: MenuActions): MenuItemConstructorOptions {
  const { readmeUrl } = context;
  const submenu: MenuItemConstructorOptions[] = [{ label: 'About Gradscope', click: () => actions.about() }];
  if (readmeUrl !== null) submenu.push({ label: 'Gradscope README', click: () => actions.openReadme(readmeUrl) });
  return { role: 'help', label: 'Help', submenu };
}
