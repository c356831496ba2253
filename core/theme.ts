// The app's brand colours, shared by the manifest (server) and the page's theme-color (client).
export const THEME = {
  themeColor: '#0b6b72',
  backgroundColor: '#f3f7f7',
} as const;
