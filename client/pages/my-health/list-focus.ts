// Returning focus to the row a person came from, in a virtualized list whose row may not be in the
// DOM any more: scroll the virtualizer to the item, wait for it to render, then focus it.
import type { LitVirtualizer } from '@lit-labs/virtualizer';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export async function focusListItem(
  root: ParentNode,
  virtualizer: LitVirtualizer | null,
  index: number,
  selector: string,
): Promise<boolean> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const target = root.querySelector<HTMLElement>(selector);
    if (target) {
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: 'center' });
      return true;
    }
    if (attempt % 10 === 0) virtualizer?.element(index)?.scrollIntoView({ block: 'center' });
    await nextFrame();
  }
  return false;
}

/** An attribute selector that matches `value` exactly, whatever characters it holds. */
export const dataSelector = (name: string, value: string): string => `[${name}="${CSS.escape(value)}"]`;
