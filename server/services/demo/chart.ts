// Builds one demo patient's chart as FHIR R4 resources: encounters, problems, medications,
// allergies, immunizations, procedures, results, reports and documents, with stable ids.

import type { Json } from '../../../core/json';
import type { FhirResource } from '../records/store';
import { type Analyte, MANUFACTURER, PANEL } from './codes';
import type { DemoPractitioner } from './directory';
import { practitionerName } from './directory';
import { base64, type Concept, concept, hl7, isoDate, isoDateTime, quantity, ref, SYSTEM } from './fhir';
import type { DemoAddress, DemoPerson } from './people';
import type { Random } from './prng';

export interface Visit {
  id: string;
  date: Date;
  /** "YYYY-MM-DDTHH:MM:00-06:00", the visit's start. */
  start: string;
  practitioner: DemoPractitioner;
}

export interface Interval {
  start: Date;
  end?: Date;
}

const OBSERVATION_CATEGORY = {
  laboratory: hl7('observation-category', 'laboratory', 'Laboratory'),
  'vital-signs': hl7('observation-category', 'vital-signs', 'Vital Signs'),
} as const;

const INTERPRETATION = {
  L: hl7('v3-ObservationInterpretation', 'L', 'Low'),
  N: hl7('v3-ObservationInterpretation', 'N', 'Normal'),
  H: hl7('v3-ObservationInterpretation', 'H', 'High'),
} as const;

export class Chart {
  readonly resources: FhirResource[] = [];
  private readonly counters = new Map<string, number>();
  private readonly patientRef: { reference: string; display: string };

  constructor(
    readonly person: DemoPerson,
    readonly random: Random,
    private readonly locationName: (officeId: string) => string,
  ) {
    this.patientRef = ref('Patient', person.patientId, person.name) as { reference: string; display: string };
  }

  private nextId(kind: string): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return `${this.person.patientId}-${kind}-${n}`;
  }

  private add(resource: FhirResource): string {
    this.resources.push(resource);
    return resource.id;
  }

  private practitionerRef(p: DemoPractitioner) {
    return ref('Practitioner', p.id, practitionerName(p));
  }

  /** `sameAs` lists RelatedPerson ids that are this same person in someone else's record. */
  patient(address: DemoAddress, sameAs: string[] = []): void {
    const p = this.person;
    this.add({
      resourceType: 'Patient',
      id: p.patientId,
      identifier: [
        {
          use: 'usual',
          type: hl7('v2-0203', 'MR', 'Medical record number'),
          system: SYSTEM.mrn,
          value: p.mrn,
        },
      ],
      active: true,
      name: [{ use: 'official', family: p.family, given: [p.given] }],
      telecom: [
        { system: 'phone', value: p.phone, use: 'mobile' },
        ...(p.email ? [{ system: 'email', value: p.email, use: 'home' }] : []),
      ],
      gender: p.gender,
      birthDate: p.birthDate,
      address: [{ use: 'home', type: 'physical', ...address, country: 'US' }],
      communication: [
        { language: concept('urn:ietf:bcp:47', 'en-US', 'English (United States)'), preferred: true },
      ],
      managingOrganization: ref('Organization', 'demo-practice'),
      ...(sameAs.length > 0
        ? { link: sameAs.map((id) => ({ other: ref('RelatedPerson', id), type: 'seealso' })) }
        : {}),
    });
  }

  /** The id relatedPerson() gives the RelatedPerson for `other` in this patient's record. */
  static relatedPersonId(patientId: string, other: DemoPerson): string {
    return `${patientId}-related-${other.key}`;
  }

  relatedPerson(parent: DemoPerson, relationship: Concept, address: DemoAddress): void {
    this.add({
      resourceType: 'RelatedPerson',
      id: Chart.relatedPersonId(this.person.patientId, parent),
      active: true,
      patient: this.patientRef,
      relationship: [relationship],
      name: [{ use: 'official', family: parent.family, given: [parent.given] }],
      telecom: [
        { system: 'phone', value: parent.phone, use: 'mobile' },
        ...(parent.email ? [{ system: 'email', value: parent.email, use: 'home' }] : []),
      ],
      gender: parent.gender,
      birthDate: parent.birthDate,
      address: [{ use: 'home', ...address, country: 'US' }],
      // The parent is a patient too: the portal links the two records through this identifier.
      identifier: [{ system: SYSTEM.mrn, value: parent.mrn }],
    });
  }

  encounter(date: Date, type: Concept, practitioner: DemoPractitioner, reason?: Concept, hour = 9): Visit {
    const id = this.nextId('encounter');
    const start = isoDateTime(date, hour, this.random.pick([0, 15, 30, 45]));
    const end = isoDateTime(date, hour + 1, 0);
    this.add({
      resourceType: 'Encounter',
      id,
      status: 'finished',
      class: {
        system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
        code: 'AMB',
        display: 'ambulatory',
      },
      type: [type],
      subject: this.patientRef,
      participant: [
        {
          type: [hl7('v3-ParticipationType', 'PPRF', 'primary performer')],
          individual: this.practitionerRef(practitioner),
          period: { start, end },
        },
      ],
      period: { start, end },
      ...(reason ? { reasonCode: [reason] } : {}),
      location: [
        { location: ref('Location', practitioner.officeId, this.locationName(practitioner.officeId)) },
      ],
      serviceProvider: ref('Organization', 'demo-practice'),
    });
    return { id, date, start, practitioner };
  }

  condition(code: Concept, onset: Interval, visit: Visit): string {
    const resolved = onset.end !== undefined;
    return this.add({
      resourceType: 'Condition',
      id: this.nextId('condition'),
      clinicalStatus: hl7(
        'condition-clinical',
        resolved ? 'resolved' : 'active',
        resolved ? 'Resolved' : 'Active',
      ),
      verificationStatus: hl7('condition-ver-status', 'confirmed', 'Confirmed'),
      category: [hl7('condition-category', 'problem-list-item', 'Problem List Item')],
      code,
      subject: this.patientRef,
      encounter: ref('Encounter', visit.id),
      onsetDateTime: isoDate(onset.start),
      ...(onset.end ? { abatementDateTime: isoDate(onset.end) } : {}),
      recordedDate: visit.start,
      recorder: this.practitionerRef(visit.practitioner),
    });
  }

  medication(
    medication: Concept,
    visit: Visit,
    options: {
      status: 'active' | 'completed' | 'stopped';
      instructions: string;
      perDay: number;
      asNeeded?: boolean;
      reason?: string;
      days?: number;
    },
  ): string {
    const dosage: Json = {
      sequence: 1,
      text: options.instructions,
      timing: { repeat: { frequency: options.perDay, period: 1, periodUnit: 'd' } },
      asNeededBoolean: options.asNeeded ?? false,
      route: concept(SYSTEM.snomed, '26643006', 'Oral route (qualifier value)'),
      doseAndRate: [{ type: hl7('dose-rate-type', 'ordered', 'Ordered'), doseQuantity: { value: 1 } }],
    };
    if (/inhal/i.test(medication.text))
      dosage.route = concept(SYSTEM.snomed, '447694001', 'Respiratory tract route (qualifier value)');
    return this.add({
      resourceType: 'MedicationRequest',
      id: this.nextId('medication'),
      status: options.status,
      intent: 'order',
      category: [hl7('medicationrequest-category', 'community', 'Community')],
      medicationCodeableConcept: medication,
      subject: this.patientRef,
      encounter: ref('Encounter', visit.id),
      authoredOn: visit.start,
      requester: this.practitionerRef(visit.practitioner),
      ...(options.reason ? { reasonReference: [ref('Condition', options.reason)] } : {}),
      dosageInstruction: [dosage],
      dispenseRequest: {
        validityPeriod: { start: isoDate(visit.date) },
        numberOfRepeatsAllowed: options.status === 'active' ? 11 : 0,
        expectedSupplyDuration: quantity(options.days ?? 30, 'days', 'd'),
      },
    });
  }

  allergy(
    substance: Concept,
    category: 'food' | 'medication' | 'environment' | 'biologic',
    recorded: Visit,
    reactions: { manifestation: Concept; severity: 'mild' | 'moderate' | 'severe' }[],
    options: { criticality: 'low' | 'high'; resolved?: boolean; onset?: Date; note?: string },
  ): string {
    const status = options.resolved ? 'resolved' : 'active';
    return this.add({
      resourceType: 'AllergyIntolerance',
      id: this.nextId('allergy'),
      clinicalStatus: hl7('allergyintolerance-clinical', status, options.resolved ? 'Resolved' : 'Active'),
      verificationStatus: hl7('allergyintolerance-verification', 'confirmed', 'Confirmed'),
      type: 'allergy',
      category: [category],
      criticality: options.criticality,
      code: substance,
      patient: this.patientRef,
      ...(options.onset ? { onsetDateTime: isoDate(options.onset) } : {}),
      recordedDate: recorded.start,
      recorder: this.practitionerRef(recorded.practitioner),
      ...(options.note ? { note: [{ text: options.note }] } : {}),
      reaction: reactions.map((r) => ({ substance, manifestation: [r.manifestation], severity: r.severity })),
    });
  }

  immunization(
    vaccine: Concept,
    visit: Visit,
    options: {
      manufacturer: keyof typeof MANUFACTURER;
      site?: 'LA' | 'RA' | 'LT' | 'RT';
      route?: 'IM' | 'SQ';
    },
  ): string {
    const site = options.site ?? this.random.pick(['LA', 'RA'] as const);
    const siteDisplay = { LA: 'left arm', RA: 'right arm', LT: 'left thigh', RT: 'right thigh' }[site];
    const route = options.route ?? 'IM';
    const routeDisplay = { IM: 'Injection, intramuscular', SQ: 'Injection, subcutaneous' }[route];
    const lot = `${String.fromCharCode(65 + this.random.int(0, 25))}${String.fromCharCode(65 + this.random.int(0, 25))}${this.random.int(1000, 9999)}`;
    return this.add({
      resourceType: 'Immunization',
      id: this.nextId('immunization'),
      status: 'completed',
      vaccineCode: vaccine,
      patient: this.patientRef,
      encounter: ref('Encounter', visit.id),
      occurrenceDateTime: visit.start,
      recorded: visit.start,
      primarySource: true,
      location: ref('Location', visit.practitioner.officeId, this.locationName(visit.practitioner.officeId)),
      manufacturer: {
        identifier: { system: SYSTEM.mvx, value: options.manufacturer },
        display: MANUFACTURER[options.manufacturer],
      },
      lotNumber: lot,
      expirationDate: isoDate(new Date(visit.date.getTime() + 300 * 86_400_000)),
      site: concept('http://terminology.hl7.org/CodeSystem/v3-ActSite', site, siteDisplay),
      route: concept('http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration', route, routeDisplay),
      doseQuantity: quantity(0.5, 'mL'),
      performer: [
        {
          function: hl7('v2-0443', 'AP', 'Administering Provider'),
          actor: this.practitionerRef(visit.practitioner),
        },
      ],
    });
  }

  procedure(code: Concept, visit: Visit, options: { reason?: string; note?: string } = {}): string {
    return this.add({
      resourceType: 'Procedure',
      id: this.nextId('procedure'),
      status: 'completed',
      code,
      subject: this.patientRef,
      encounter: ref('Encounter', visit.id),
      performedPeriod: { start: visit.start, end: isoDateTime(visit.date, 11, 0) },
      performer: [{ actor: this.practitionerRef(visit.practitioner) }],
      location: ref('Location', visit.practitioner.officeId, this.locationName(visit.practitioner.officeId)),
      ...(options.reason ? { reasonReference: [ref('Condition', options.reason)] } : {}),
      ...(options.note ? { note: [{ text: options.note }] } : {}),
    });
  }

  /** One measured value, flagged against its reference range when the analyte has one. */
  observation(
    analyte: Analyte,
    value: number,
    effective: string,
    category: keyof typeof OBSERVATION_CATEGORY,
    encounter?: string,
  ): string {
    const rounded = Number(value.toFixed(analyte.decimals));
    const flag =
      analyte.low !== undefined && rounded < analyte.low
        ? 'L'
        : analyte.high !== undefined && rounded > analyte.high
          ? 'H'
          : 'N';
    const hasRange = analyte.low !== undefined || analyte.high !== undefined;
    return this.add({
      resourceType: 'Observation',
      id: this.nextId('obs'),
      status: 'final',
      category: [OBSERVATION_CATEGORY[category]],
      code: concept(SYSTEM.loinc, analyte.code, analyte.display),
      subject: this.patientRef,
      ...(encounter ? { encounter: ref('Encounter', encounter) } : {}),
      effectiveDateTime: effective,
      issued: effective,
      valueQuantity: quantity(rounded, analyte.unit),
      ...(hasRange
        ? {
            interpretation: [INTERPRETATION[flag]],
            referenceRange: [
              {
                ...(analyte.low !== undefined ? { low: quantity(analyte.low, analyte.unit) } : {}),
                ...(analyte.high !== undefined ? { high: quantity(analyte.high, analyte.unit) } : {}),
              },
            ],
          }
        : {}),
    });
  }

  bloodPressure(systolic: number, diastolic: number, effective: string, encounter?: string): string {
    const high = systolic >= 130 || diastolic >= 80;
    return this.add({
      resourceType: 'Observation',
      id: this.nextId('obs'),
      status: 'final',
      category: [OBSERVATION_CATEGORY['vital-signs']],
      code: PANEL.bloodPressure,
      subject: this.patientRef,
      ...(encounter ? { encounter: ref('Encounter', encounter) } : {}),
      effectiveDateTime: effective,
      interpretation: [INTERPRETATION[high ? 'H' : 'N']],
      component: [
        {
          code: concept(SYSTEM.loinc, '8480-6', 'Systolic blood pressure'),
          valueQuantity: quantity(Math.round(systolic), 'mm[Hg]'),
        },
        {
          code: concept(SYSTEM.loinc, '8462-4', 'Diastolic blood pressure'),
          valueQuantity: quantity(Math.round(diastolic), 'mm[Hg]'),
        },
      ],
    });
  }

  /** A lab panel: one Observation per analyte and a DiagnosticReport that groups them. */
  labPanel(panel: Concept, visit: Visit, values: [Analyte, number][], conclusion: string): string {
    const effective = isoDateTime(visit.date, 8, 10);
    const results = values.map(([analyte, value]) =>
      this.observation(analyte, value, effective, 'laboratory', visit.id),
    );
    return this.add({
      resourceType: 'DiagnosticReport',
      id: this.nextId('report'),
      status: 'final',
      category: [hl7('v2-0074', 'LAB', 'Laboratory')],
      code: panel,
      subject: this.patientRef,
      encounter: ref('Encounter', visit.id),
      effectiveDateTime: effective,
      issued: isoDateTime(visit.date, 16, 30),
      performer: [this.practitionerRef(visit.practitioner)],
      result: results.map((id) => ref('Observation', id)),
      conclusion,
    });
  }

  imagingReport(code: Concept, visit: Visit, findings: string, conclusion: string): string {
    return this.add({
      resourceType: 'DiagnosticReport',
      id: this.nextId('report'),
      status: 'final',
      category: [hl7('v2-0074', 'RAD', 'Radiology')],
      code,
      subject: this.patientRef,
      encounter: ref('Encounter', visit.id),
      effectiveDateTime: visit.start,
      issued: isoDateTime(visit.date, 15, 0),
      performer: [this.practitionerRef(visit.practitioner)],
      presentedForm: [
        { contentType: 'text/plain', language: 'en-US', data: base64(findings), title: 'Radiology report' },
      ],
      conclusion,
    });
  }

  document(type: Concept, visit: Visit, title: string, text: string): string {
    return this.add({
      resourceType: 'DocumentReference',
      id: this.nextId('document'),
      status: 'current',
      docStatus: 'final',
      type,
      category: [
        concept(
          'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
          'clinical-note',
          'Clinical Note',
        ),
      ],
      subject: this.patientRef,
      date: isoDateTime(visit.date, 17, 0),
      author: [this.practitionerRef(visit.practitioner)],
      description: title,
      content: [
        {
          attachment: {
            contentType: 'text/plain; charset=utf-8',
            language: 'en-US',
            data: base64(text),
            title,
            creation: visit.start,
          },
        },
      ],
      context: { encounter: [ref('Encounter', visit.id)], period: { start: visit.start } },
    });
  }

  /** Adds a resource built elsewhere (care.ts) under an id of its own kind: `<patient>-<kind>-<n>`. */
  addWithId(kind: string, build: (id: string) => FhirResource): string {
    return this.add(build(this.nextId(kind)));
  }

  /** The patient reference every resource of this chart uses. */
  get subject(): { reference: string; display: string } {
    return this.patientRef;
  }
}
