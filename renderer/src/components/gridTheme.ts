import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';

// Registered once for the whole renderer; registering again elsewhere is harmless.
ModuleRegistry.registerModules([AllCommunityModule]);

/**
 * Quartz tuned to styles.css: the app's CJK font stack (Quartz would otherwise ask
 * for IBM Plex Sans, which an offline PC does not have), 13px text and compact rows
 * so a 1366×768 office screen shows about 15 customers.
 */
export const gridTheme = themeQuartz.withParams({
  fontFamily: ['Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'sans-serif'],
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  rowHeight: 34,
  headerHeight: 36,
  spacing: 6,
  accentColor: '#1f6feb',
  borderColor: '#d9dee7',
  foregroundColor: '#1f2733',
  headerTextColor: '#3b4656',
  headerBackgroundColor: '#f4f6f9',
  oddRowBackgroundColor: '#fafbfd',
  wrapperBorderRadius: 4,
  browserColorScheme: 'light',
});
