// The shapes the generator passes between its parts: the input, one section's content (narrative
// table plus coded entries), and the context every section builder reads.
import type { AnyResource, Reference } from '../fhir/types';
import type { PracticeInfo } from '../practice';
import type { DateSelection, DayBounds } from './selection';
import type { TemplateId } from './vocab';
import type { Xml } from './xml';

export type SectionKey =
  | 'allergies'
  | 'medications'
  | 'problems'
  | 'immunizations'
  | 'procedures'
  | 'results'
  | 'vitalSigns'
  | 'encounters'
  | 'planOfTreatment'
  | 'goals'
  | 'healthConcerns'
  | 'socialHistory'
  | 'careTeam'
  | 'medicalEquipment';

export interface CcdInput {
  /** One patient's FHIR R4 resources, as the device holds them (exactly one Patient among them). */
  resources: readonly AnyResource[];
  practice: PracticeInfo;
  /** When the document is made: a FHIR instant with its offset ("2026-12-04T09:30:00-06:00"). */
  generatedAt: string;
  /** The document's id: a UUID (also its setId, since every generation is version 1 of a new set). */
  documentId: string;
  selection: DateSelection;
  /**
   * The OID or UUID under which record ids (Condition/abc…) are unique. A practice with an assigned
   * OID passes it; the default is this portal's own UUID namespace.
   */
  idRoot?: string;
}

/** One narrative table cell: its words, and an ID when an entry's originalText points at it. */
export interface Cell {
  text: string;
  id?: string;
}

export interface Row {
  /** The row's XML ID, referenced from its entry's <text><reference>. */
  id: string;
  cells: (string | Cell)[];
}

export interface Table {
  caption: string;
  headers: string[];
  rows: Row[];
}

export interface SectionContent {
  key: SectionKey;
  title: string;
  templateIds: readonly TemplateId[];
  /** The LOINC section code and its display name. */
  code: readonly [code: string, displayName: string];
  /** Entries-required templates: with no entry the section says nullFlavor="NI". */
  entriesRequired: boolean;
  /** The sentence shown when nothing is recorded for the selected dates. */
  emptyText: string;
  tables: Table[];
  entries: Xml[];
  /** How many records of the patient the section carries (rows, not CDA entries). */
  count: number;
}

/** What every section builder gets: the records, the date bounds, ids and names. */
export interface BuildContext {
  bounds: DayBounds;
  practice: PracticeInfo;
  idRoot: string;
  /** Resources of one type, in input order. */
  ofType<T extends AnyResource>(type: string): T[];
  /** The resource a reference points at, when it is in the input (Type/id or urn:uuid:id). */
  resolve<T extends AnyResource>(reference: Reference | undefined): T | undefined;
  /** The record's CDA id: <id root=idRoot extension="Type/id"/>. */
  recordId(resource: AnyResource, suffix?: string): Xml;
}
