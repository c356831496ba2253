// Line icons for navigation and home tiles, drawn on a 24px grid; decorative, hidden from
// assistive technology because the link text already names the place.
import { type SVGTemplateResult, svg } from 'lit';

export type IconName =
  | 'home'
  | 'messages'
  | 'my-health'
  | 'health-records'
  | 'billing'
  | 'family-access'
  | 'profile'
  | 'help'
  | 'menu'
  | 'close'
  | 'paperclip'
  | 'camera';

const paths: Record<IconName, SVGTemplateResult> = {
  home: svg`<path d="M3 10.5 12 3l9 7.5"/><path d="M5.5 9v12h13V9"/><path d="M10 21v-6h4v6"/>`,
  messages: svg`<path d="M4 5h16v11H9.5L4 20.5z"/><path d="M8 9.5h8M8 12.5h5"/>`,
  'my-health': svg`<path d="M12 20s-7.5-4.6-7.5-10.2A4.2 4.2 0 0 1 12 7.2a4.2 4.2 0 0 1 7.5 2.6C19.5 15.4 12 20 12 20z"/><path d="M7 12h2.5l1.5-2.5 2 5 1.5-2.5H17"/>`,
  'health-records': svg`<path d="M6 3h8.5L18 6.5V21H6z"/><path d="M14 3v4h4"/><path d="M9 12h6M9 15.5h6M9 8.5h2"/>`,
  billing: svg`<rect x="3" y="6" width="18" height="12" rx="2"/><path d="M3 10h18M7 14.5h4"/>`,
  'family-access': svg`<circle cx="9" cy="8" r="3"/><path d="M3.5 20c0-3.2 2.5-5.8 5.5-5.8s5.5 2.6 5.5 5.8"/><circle cx="17" cy="9" r="2.4"/><path d="M16.2 14.3c2.6.2 4.3 2.6 4.3 5.7"/>`,
  profile: svg`<circle cx="12" cy="8" r="4"/><path d="M4.5 21c0-4.2 3.4-7.5 7.5-7.5s7.5 3.3 7.5 7.5"/>`,
  help: svg`<circle cx="12" cy="12" r="9"/><path d="M9.6 9.4a2.5 2.5 0 1 1 3.4 2.4c-.6.3-1 .8-1 1.5v.7"/><path d="M12 17h.01"/>`,
  menu: svg`<path d="M4 7h16M4 12h16M4 17h16"/>`,
  close: svg`<path d="M6 6l12 12M18 6 6 18"/>`,
  paperclip: svg`<path d="M20 11.5 12.2 19.3a5 5 0 0 1-7.1-7.1l8.1-8.1a3.3 3.3 0 0 1 4.7 4.7l-8.1 8.1a1.7 1.7 0 0 1-2.4-2.4L15 6.9"/>`,
  camera: svg`<path d="M4 8h3.5L9 5.5h6L16.5 8H20v11H4z"/><circle cx="12" cy="13.2" r="3.4"/>`,
};

export const icon = (name: IconName): SVGTemplateResult =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"
    fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${paths[name]}</svg>`;

/** The app's mark (a rounded cross holding a heart), the same drawing as the installed icon. */
export const logo = (): SVGTemplateResult =>
  svg`<svg class="logo" viewBox="0 0 48 48" width="32" height="32" aria-hidden="true" focusable="false">
    <rect width="48" height="48" rx="11" fill="#ffffff"/>
    <path fill="#0b6b72" d="M19 9h10a2 2 0 0 1 2 2v8h8a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2h-8v8a2 2 0 0 1-2 2H19a2 2 0 0 1-2-2v-8H9a2 2 0 0 1-2-2v-6a2 2 0 0 1 2-2h8v-8a2 2 0 0 1 2-2z"/>
    <path fill="#ffffff" d="M24 30.5s-6-3.6-6-7.6a3.1 3.1 0 0 1 6-1.3 3.1 3.1 0 0 1 6 1.3c0 4-6 7.6-6 7.6z"/>
  </svg>`;
