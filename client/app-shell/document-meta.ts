// Keeps the document's title and the iOS home-screen name in step with the page and practice.
import type { PracticeInfo } from '../../core/practice';
import { pageTitle } from '../data/practice-labels';

export function applyDocumentMeta(pageName: string, practice: PracticeInfo | null): void {
  document.title = pageTitle(pageName, practice);
  // Safari reads this when the user chooses Add to Home Screen, so the icon gets the practice's name.
  const appleTitle = document.querySelector('meta[name="apple-mobile-web-app-title"]');
  if (practice && appleTitle) appleTitle.setAttribute('content', practice.shortName || practice.name);
}
