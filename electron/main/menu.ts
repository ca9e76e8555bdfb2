import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

export function buildMenu(getWindow: () => BrowserWindow | null, dataDir: string): void {
  const template: MenuItemConstructorOptions[] = [
    { label: '文件', submenu: [{ label: '退出', role: 'quit' }] },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : ([{ label: '开发者工具', role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
      ],
    },
    {
      label: '帮助',
      submenu: [
        {
          label: '关于 BranchDesk',
          click: () => {
            const win = getWindow();
            const options = {
              type: 'info' as const,
              title: '关于',
              message: `BranchDesk 网点客户经理工作台 ${app.getVersion()}`,
              detail: `数据目录：${dataDir}`,
            };
            void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
          },
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
