// Test helper: small FHIR R4 records for the My Health view tests, and reading what a view shows
// (shadow roots included) the way a patient would read it.
import type { AnyResource, CodeableConcept, Observation } from '../../../core/fhir/types';

export const loinc = (code: string, display: string): CodeableConcept => ({
  coding: [{ system: 'http://loinc.org', code, display }],
  text: display,
});
export const snomed = (code: string, display: string): CodeableConcept => ({
  coding: [{ system: 'http://snomed.info/sct', code, display }],
});
const category = (code: string): CodeableConcept[] => [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code }] },
];
export const flag = (code: string): CodeableConcept[] => [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code }] },
];

export function lab(
  id: string,
  code: CodeableConcept,
  value: number,
  unit: string,
  date: string,
  extra: Partial<Observation> = {},
): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: category('laboratory'),
    code,
    effectiveDateTime: date,
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
    ...extra,
  };
}

export function vital(
  id: string,
  code: CodeableConcept,
  value: number,
  unit: string,
  date: string,
): Observation {
  return { ...lab(id, code, value, unit, date), category: category('vital-signs') };
}

export function bloodPressure(id: string, systolic: number, diastolic: number, date: string): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: category('vital-signs'),
    code: loinc('85354-9', 'Blood pressure panel with all children optional'),
    effectiveDateTime: date,
    component: [
      {
        code: loinc('8480-6', 'Systolic blood pressure'),
        valueQuantity: { value: systolic, unit: 'mm[Hg]' },
      },
      {
        code: loinc('8462-4', 'Diastolic blood pressure'),
        valueQuantity: { value: diastolic, unit: 'mm[Hg]' },
      },
    ],
  };
}

export const CHOLESTEROL = loinc('2093-3', 'Cholesterol [Mass/volume] in Serum or Plasma');

/** Flattened text of an element and every shadow root below it, spaces collapsed. */
export function visibleText(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n instanceof HTMLElement && (n.hidden || n.closest('[hidden]'))) return;
    if (n.nodeType === Node.TEXT_NODE) parts.push(n.textContent ?? '');
    if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
    for (const child of n.childNodes) walk(child);
    if (n instanceof HTMLElement && /^(P|LI|DIV|H\d|DT|DD|TD|TH|TR|SECTION|ARTICLE|BUTTON)$/.test(n.tagName))
      parts.push(' ');
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The button whose visible words start with `label` (case-sensitive), searched in `root`. */
export function buttonNamed(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) =>
    b.textContent!.replace(/\s+/g, ' ').trim().startsWith(label),
  );
  if (!found) throw new Error(`No button "${label}"`);
  return found;
}

export const bundleResources = (bundle: { entry?: { resource?: AnyResource }[] }): AnyResource[] =>
  (bundle.entry ?? []).map((e) => e.resource).filter((r): r is AnyResource => !!r);
