// The coded texts of FHIR resources, for tests that check an answer carries nothing clinical.
import type { Json } from '../../core/json';

/**
 * Every coded text in a bundle's clinical content: CodeableConcept texts and Coding displays
 * anywhere in its resources (the Patient's own demographics and the directory aside), which
 * covers each claim item's productOrService, every Condition, Procedure, medicine and encounter type.
 */
export function clinicalTexts(resources: readonly Json[]): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const node = value as Json;
    const isConcept = Array.isArray(node.coding);
    const isCoding = typeof node.system === 'string' && typeof node.code === 'string';
    if (isConcept && typeof node.text === 'string') found.add(node.text);
    if (isCoding && typeof node.display === 'string') found.add(node.display);
    for (const child of Object.values(node)) walk(child);
  };
  const directory = new Set(['Patient', 'Practitioner', 'PractitionerRole', 'Organization', 'Location']);
  for (const resource of resources) if (!directory.has(String(resource.resourceType))) walk(resource);
  // Too short to mean anything on their own ("M", "US").
  return new Set([...found].filter((text) => text.trim().length >= 4));
}
