// The version of the app this page runs, for support calls: the package version plus the build
// label a deployment sets with VITE_APP_BUILD when it builds.
declare const __APP_VERSION__: string;

export const APP_VERSION: string = import.meta.env.VITE_APP_BUILD
  ? `${__APP_VERSION__} (${import.meta.env.VITE_APP_BUILD})`
  : __APP_VERSION__;
