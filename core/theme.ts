// The app's brand colours, shared by the manifest (server) and the page's theme-color (client).
export const THEME = {
  themeColor: '#0f6e73',
  backgroundColor: '#f5fafa',
} as const;
