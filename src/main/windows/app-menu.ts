import { Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * Our own application menu instead of Electron's default one, which has Reload, Force Reload and
 * Toggle Developer Tools with their shortcuts. A packaged app gets only what a cashier needs: the
 * edit commands (so copy/paste shortcuts work in text fields on macOS), window and quit. The
 * development build adds a View menu with reload and DevTools.
 */
export function applicationMenuTemplate(options: {
  development: boolean;
  platform: NodeJS.Platform;
}): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (options.platform === 'darwin') {
    template.push({
      role: 'appMenu',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    role: 'editMenu',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  if (options.development) {
    template.push({
      label: 'Development',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  }
  template.push({
    role: 'windowMenu',
    submenu: [{ role: 'minimize' }, ...(options.platform === 'darwin' ? [] : [{ role: 'quit' } as const])],
  });
  return template;
}

export function installApplicationMenu(development: boolean): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(applicationMenuTemplate({ development, platform: process.platform })),
  );
}
