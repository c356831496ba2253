// How the practice is named in the UI and in document.title, with a neutral fallback that never
// invents a practice.
import type { PracticeInfo } from '../../core/practice';

export const NEUTRAL_NAME = 'Patient portal';

export const practiceName = (practice: PracticeInfo | null): string => practice?.name ?? NEUTRAL_NAME;

export const pageTitle = (pageName: string, practice: PracticeInfo | null): string =>
  `${pageName} · ${practiceName(practice)}`;
