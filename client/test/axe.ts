// Test helper: runs axe-core (WCAG 2.x A/AA and best practices) on one element, shadow roots
// included, and returns the violations as readable lines.
import type { AxeResults, RunOptions } from 'axe-core';
import 'axe-core';

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}

const options: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  resultTypes: ['violations'],
};

export async function axeViolations(element: Element): Promise<string[]> {
  const results: AxeResults = await window.axe.run(element, options);
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
  );
}
