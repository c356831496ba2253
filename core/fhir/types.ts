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
  /** The visit it was recorded at. */
  encounter?: Reference;
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
  /** The visit it was recorded at. */
  encounter?: Reference;
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
  /** The visit it was recorded at. */
  encounter?: Reference;
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
  /** The visit it was recorded at. */
  encounter?: Reference;
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
  /** The visit it was recorded at. */
  encounter?: Reference;
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
  /** The visit it was recorded at. */
  encounter?: Reference;
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

export interface Patient extends AnyResource {
  resourceType: 'Patient';
  name?: HumanName[];
  gender?: string;
  birthDate?: string;
}

export interface Encounter extends AnyResource {
  resourceType: 'Encounter';
  status?: string;
  class?: Coding;
  type?: CodeableConcept[];
  serviceType?: CodeableConcept;
  period?: Period;
  participant?: { type?: CodeableConcept[]; period?: Period; individual?: Reference }[];
  reasonCode?: CodeableConcept[];
  reasonReference?: Reference[];
  location?: { location?: Reference; status?: string; period?: Period }[];
  serviceProvider?: Reference;
  hospitalization?: { dischargeDisposition?: CodeableConcept };
}

export interface CarePlanActivity {
  outcomeCodeableConcept?: CodeableConcept[];
  progress?: Annotation[];
  reference?: Reference;
  detail?: {
    kind?: string;
    code?: CodeableConcept;
    reasonCode?: CodeableConcept[];
    goal?: Reference[];
    status?: string;
    statusReason?: CodeableConcept;
    scheduledTiming?: Timing;
    scheduledPeriod?: Period;
    scheduledString?: string;
    location?: Reference;
    performer?: Reference[];
    description?: string;
  };
}

export interface CarePlan extends AnyResource {
  resourceType: 'CarePlan';
  status?: string;
  intent?: string;
  category?: CodeableConcept[];
  title?: string;
  description?: string;
  subject?: Reference;
  encounter?: Reference;
  period?: Period;
  created?: string;
  author?: Reference;
  careTeam?: Reference[];
  addresses?: Reference[];
  goal?: Reference[];
  activity?: CarePlanActivity[];
  note?: Annotation[];
}

export interface Goal extends AnyResource {
  resourceType: 'Goal';
  lifecycleStatus?: string;
  achievementStatus?: CodeableConcept;
  category?: CodeableConcept[];
  priority?: CodeableConcept;
  description?: CodeableConcept;
  startDate?: string;
  target?: {
    measure?: CodeableConcept;
    detailQuantity?: Quantity;
    detailRange?: Range;
    detailString?: string;
    detailCodeableConcept?: CodeableConcept;
    dueDate?: string;
  }[];
  statusDate?: string;
  expressedBy?: Reference;
  addresses?: Reference[];
  note?: Annotation[];
}

export interface CareTeam extends AnyResource {
  resourceType: 'CareTeam';
  status?: string;
  category?: CodeableConcept[];
  name?: string;
  subject?: Reference;
  encounter?: Reference;
  period?: Period;
  participant?: { role?: CodeableConcept[]; member?: Reference; onBehalfOf?: Reference; period?: Period }[];
  reasonCode?: CodeableConcept[];
  managingOrganization?: Reference[];
  telecom?: { system?: string; value?: string }[];
  note?: Annotation[];
}

export interface Device extends AnyResource {
  resourceType: 'Device';
  udiCarrier?: {
    deviceIdentifier?: string;
    issuer?: string;
    jurisdiction?: string;
    carrierHRF?: string;
    carrierAIDC?: string;
    entryType?: string;
  }[];
  status?: string;
  distinctIdentifier?: string;
  manufacturer?: string;
  manufactureDate?: string;
  expirationDate?: string;
  lotNumber?: string;
  serialNumber?: string;
  deviceName?: { name: string; type?: string }[];
  modelNumber?: string;
  type?: CodeableConcept;
  patient?: Reference;
  owner?: Reference;
  location?: Reference;
  note?: Annotation[];
}

export interface MedicationAdministration extends AnyResource {
  resourceType: 'MedicationAdministration';
  status?: string;
  category?: CodeableConcept;
  medicationCodeableConcept?: CodeableConcept;
  medicationReference?: Reference;
  subject?: Reference;
  context?: Reference;
  effectiveDateTime?: string;
  effectivePeriod?: Period;
  performer?: { function?: CodeableConcept; actor?: Reference }[];
  reasonCode?: CodeableConcept[];
  reasonReference?: Reference[];
  note?: Annotation[];
  dosage?: { text?: string; site?: CodeableConcept; route?: CodeableConcept; dose?: Quantity };
}

export interface ImagingStudy extends AnyResource {
  resourceType: 'ImagingStudy';
  status?: string;
  started?: string;
  encounter?: Reference;
  procedureCode?: CodeableConcept[];
  location?: Reference;
  description?: string;
  numberOfSeries?: number;
  numberOfInstances?: number;
  series?: {
    modality?: Coding;
    description?: string;
    bodySite?: Coding;
    numberOfInstances?: number;
  }[];
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
  Patient: Patient;
  Encounter: Encounter;
  CarePlan: CarePlan;
  Goal: Goal;
  CareTeam: CareTeam;
  Device: Device;
  MedicationAdministration: MedicationAdministration;
  ImagingStudy: ImagingStudy;
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
