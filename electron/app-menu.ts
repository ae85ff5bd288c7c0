// Installs the application menu built by core/menu-template.ts. Called again
// whenever the recent-files list changes, since native menus are immutable.

import { Menu } from 'electron';
import { buildMenuTemplate, type MenuActions, type MenuContext } from './core/menu-template.js';

export function installMenu(context: MenuContext, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(context, actions)));
}
