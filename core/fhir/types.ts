// The parts of FHIR R4 the My Health views read, as types only, named as in R4; every field is
// optional where R4 allows. `AnyResource` accepts any resource object. (The current @types/fhir
// describes STU3, and @medplum/fhirtypes needs Node 22, hence our own.)

export interface AnyResource {
  resourceType: string;
  id?: string;
}

export interface Coding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Quantity {
  value?: number;
  comparator?: '<' | '<=' | '>=' | '>' | string;
  unit?: string;
  system?: string;
  code?: string;
}

export interface Range {
  low?: Quantity;
  high?: Quantity;
}

export interface Ratio {
  numerator?: Quantity;
  denominator?: Quantity;
}

export interface Period {
  start?: string;
  end?: string;
}

export interface Identifier {
  system?: string;
  value?: string;
}

export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
  display?: string;
}

export interface Annotation {
  text: string;
  time?: string;
  authorString?: string;
  authorReference?: Reference;
}

export interface Attachment {
  contentType?: string;
  language?: string;
  data?: string;
  url?: string;
  size?: number;
  title?: string;
  creation?: string;
}

export interface HumanName {
  text?: string;
  family?: string;
  given?: string[];
  prefix?: string[];
  suffix?: string[];
}

export interface Timing {
  event?: string[];
  repeat?: {
    count?: number;
    duration?: number;
    durationUnit?: string;
    frequency?: number;
    frequencyMax?: number;
    period?: number;
    periodMax?: number;
    periodUnit?: string;
    dayOfWeek?: string[];
    timeOfDay?: string[];
    when?: string[];
  };
  code?: CodeableConcept;
}

export interface Dosage {
  sequence?: number;
  text?: string;
  additionalInstruction?: CodeableConcept[];
  patientInstruction?: string;
  timing?: Timing;
  asNeededBoolean?: boolean;
  asNeededCodeableConcept?: CodeableConcept;
  site?: CodeableConcept;
  route?: CodeableConcept;
  method?: CodeableConcept;
  doseAndRate?: { type?: CodeableConcept; doseQuantity?: Quantity; doseRange?: Range }[];
}

export interface Condition extends AnyResource {
  resourceType: 'Condition';
  clinicalStatus?: CodeableConcept;
  verificationStatus?: CodeableConcept;
  category?: CodeableConcept[];
  severity?: CodeableConcept;
  code?: CodeableConcept;
  bodySite?: CodeableConcept[];
  onsetDateTime?: string;
  onsetPeriod?: Period;
  onsetString?: string;
  onsetAge?: Quantity;
  abatementDateTime?: string;
  abatementPeriod?: Period;
  abatementString?: string;
  abatementAge?: Quantity;
  recordedDate?: string;
  recorder?: Reference;
  note?: Annotation[];
}

export interface Medication extends AnyResource {
  resourceType: 'Medication';
  code?: CodeableConcept;
  form?: CodeableConcept;
}

export interface MedicationRequest extends AnyResource {
  resourceType: 'MedicationRequest';
  status?: string;
  intent?: string;
  medicationCodeableConcept?: CodeableConcept;
  medicationReference?: Reference;
  authoredOn?: string;
  requester?: Reference;
  reasonCode?: CodeableConcept[];
  reasonReference?: Reference[];
  note?: Annotation[];
  dosageInstruction?: Dosage[];
  dispenseRequest?: { validityPeriod?: Period; numberOfRepeatsAllowed?: number; quantity?: Quantity };
}

export interface MedicationStatement extends AnyResource {
  resourceType: 'MedicationStatement';
  status?: string;
  medicationCodeableConcept?: CodeableConcept;
  medicationReference?: Reference;
  effectiveDateTime?: string;
  effectivePeriod?: Period;
  dateAsserted?: string;
  informationSource?: Reference;
  reasonCode?: CodeableConcept[];
  reasonReference?: Reference[];
  note?: Annotation[];
  dosage?: Dosage[];
}

export interface AllergyIntolerance extends AnyResource {
  resourceType: 'AllergyIntolerance';
  clinicalStatus?: CodeableConcept;
  verificationStatus?: CodeableConcept;
  type?: string;
  category?: string[];
  criticality?: string;
  code?: CodeableConcept;
  onsetDateTime?: string;
  onsetPeriod?: Period;
  onsetString?: string;
  recordedDate?: string;
  lastOccurrence?: string;
  note?: Annotation[];
  reaction?: {
    substance?: CodeableConcept;
    manifestation?: CodeableConcept[];
    description?: string;
    onset?: string;
    severity?: string;
  }[];
}

export interface Immunization extends AnyResource {
  resourceType: 'Immunization';
  status?: string;
  statusReason?: CodeableConcept;
  vaccineCode?: CodeableConcept;
  occurrenceDateTime?: string;
  occurrenceString?: string;
  recorded?: string;
  primarySource?: boolean;
  location?: Reference;
  manufacturer?: Reference;
  lotNumber?: string;
  expirationDate?: string;
  site?: CodeableConcept;
  route?: CodeableConcept;
  doseQuantity?: Quantity;
  performer?: { function?: CodeableConcept; actor?: Reference }[];
  note?: Annotation[];
  protocolApplied?: {
    series?: string;
    targetDisease?: CodeableConcept[];
    doseNumberPositiveInt?: number;
    doseNumberString?: string;
    seriesDosesPositiveInt?: number;
    seriesDosesString?: string;
  }[];
}

export interface Procedure extends AnyResource {
  resourceType: 'Procedure';
  status?: string;
  code?: CodeableConcept;
  performedDateTime?: string;
  performedPeriod?: Period;
  performedString?: string;
  performer?: { function?: CodeableConcept; actor?: Reference }[];
  location?: Reference;
  reasonCode?: CodeableConcept[];
  reasonReference?: Reference[];
  bodySite?: CodeableConcept[];
  outcome?: CodeableConcept;
  note?: Annotation[];
}

export interface ObservationValue {
  valueQuantity?: Quantity;
  valueCodeableConcept?: CodeableConcept;
  valueString?: string;
  valueBoolean?: boolean;
  valueInteger?: number;
  valueRange?: Range;
  valueRatio?: Ratio;
  valueTime?: string;
  valueDateTime?: string;
  valuePeriod?: Period;
  dataAbsentReason?: CodeableConcept;
}

export interface ReferenceRange {
  low?: Quantity;
  high?: Quantity;
  type?: CodeableConcept;
  appliesTo?: CodeableConcept[];
  age?: Range;
  text?: string;
}

export interface Observation extends AnyResource, ObservationValue {
  resourceType: 'Observation';
  status?: string;
  category?: CodeableConcept[];
  code?: CodeableConcept;
  effectiveDateTime?: string;
  effectivePeriod?: Period;
  effectiveInstant?: string;
  issued?: string;
  performer?: Reference[];
  interpretation?: CodeableConcept[];
  note?: Annotation[];
  referenceRange?: ReferenceRange[];
  hasMember?: Reference[];
  component?: (ObservationValue & {
    code?: CodeableConcept;
    interpretation?: CodeableConcept[];
    referenceRange?: ReferenceRange[];
  })[];
}

export interface DiagnosticReport extends AnyResource {
  resourceType: 'DiagnosticReport';
  status?: string;
  category?: CodeableConcept[];
  code?: CodeableConcept;
  effectiveDateTime?: string;
  effectivePeriod?: Period;
  issued?: string;
  performer?: Reference[];
  resultsInterpreter?: Reference[];
  result?: Reference[];
  conclusion?: string;
  conclusionCode?: CodeableConcept[];
  presentedForm?: Attachment[];
}

export interface DocumentReference extends AnyResource {
  resourceType: 'DocumentReference';
  identifier?: Identifier[];
  status?: string;
  docStatus?: string;
  type?: CodeableConcept;
  category?: CodeableConcept[];
  date?: string;
  author?: Reference[];
  authenticator?: Reference;
  custodian?: Reference;
  description?: string;
  content?: { attachment?: Attachment; format?: Coding }[];
  context?: {
    encounter?: Reference[];
    period?: Period;
    facilityType?: CodeableConcept;
    practiceSetting?: CodeableConcept;
    related?: Reference[];
  };
}

export interface Practitioner extends AnyResource {
  resourceType: 'Practitioner';
  name?: HumanName[];
}

export interface Organization extends AnyResource {
  resourceType: 'Organization';
  name?: string;
}

export interface Location extends AnyResource {
  resourceType: 'Location';
  name?: string;
}

/** Resource types by name, for the typed lookups in record-index.ts. */
export interface ResourceTypes {
  Condition: Condition;
  Medication: Medication;
  MedicationRequest: MedicationRequest;
  MedicationStatement: MedicationStatement;
  AllergyIntolerance: AllergyIntolerance;
  Immunization: Immunization;
  Procedure: Procedure;
  Observation: Observation;
  DiagnosticReport: DiagnosticReport;
  DocumentReference: DocumentReference;
  Practitioner: Practitioner;
  Organization: Organization;
  Location: Location;
}

/** Any of the resource types above (useful to type records written by hand, as in tests). */
export type RecordResource = ResourceTypes[keyof ResourceTypes];
