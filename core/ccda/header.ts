// The US Realm Header of the CCD: who the document is about (recordTarget), who made it (the
// portal, on behalf of the practice), who keeps it (custodian) and the time it summarises
// (documentationOf/serviceEvent, with the care team as performers).
import { cdaTimestamp } from '../clinical-dates';
import type { PracticeInfo, PracticeOffice } from '../practice';
import { coded, ts } from './coded';
import { addrXml, displayNameXml, officeAddress, personNameXml, telecomsXml, telUrl } from './contact';
import type { BuildContext } from './model';
import {
  ethnicityOf,
  GENDER,
  languageOf,
  medicalRecordNumber,
  officialName,
  type PatientResource,
  raceOf,
} from './patient';
import { templateIds } from './section';
import { OID, T } from './vocab';
import { el, type Xml } from './xml';

export const DOCUMENT_TITLE = 'Consolidated Clinical Summary';

/** A member of the care team: a provider's name (from a reference's display) and their office. */
export interface CareTeamMember {
  name: string;
  role: string;
  office: PracticeOffice | undefined;
  /** First and last day (FHIR dates) the record shows them caring for the patient. */
  first?: string;
  last?: string;
}

export interface HeaderInput {
  ctx: BuildContext;
  patient: PatientResource;
  documentId: string;
  generatedAt: string;
  /** The summarised time: the selection's days, or the first and last record dates for All time. */
  serviceStart: string | undefined;
  serviceEnd: string | undefined;
  careTeam: CareTeamMember[];
}

export function organizationXml(tag: string, practice: PracticeInfo, idRoot: string): Xml {
  const office = practice.offices[0];
  return el(
    tag,
    {},
    el('id', { root: idRoot, extension: 'practice' }),
    el('name', {}, practice.name),
    el('telecom', { use: 'WP', value: telUrl(office?.phone ?? practice.supportPhone) }),
    office ? addrXml(officeAddress(office), 'WP') : el('addr', { nullFlavor: 'UNK' }),
  );
}

function recordTarget(ctx: BuildContext, patient: PatientResource): Xml {
  const mrn = medicalRecordNumber(patient);
  const [genderCode, genderDisplay] = GENDER[patient.gender ?? ''] ?? [];
  const race = raceOf(patient);
  const ethnicity = ethnicityOf(patient);
  const language = languageOf(patient);
  const raceSystem = 'urn:oid:2.16.840.1.113883.6.238';
  const [firstRace, ...moreRaces] = race.codings;
  const [firstEthnicity, ...moreEthnicities] = ethnicity.codings;
  const raceConcept = (c: (typeof race.codings)[number]) => ({ coding: [{ ...c, system: raceSystem }] });
  return el(
    'recordTarget',
    {},
    el(
      'patientRole',
      {},
      ctx.recordId(patient),
      mrn?.value ? el('id', { root: ctx.idRoot, extension: `MRN/${mrn.value}` }) : undefined,
      (patient.address ?? []).length > 0
        ? (patient.address ?? []).slice(0, 2).map((a) => addrXml(a))
        : addrXml(undefined),
      telecomsXml(patient.telecom),
      el(
        'patient',
        {},
        personNameXml(officialName(patient)),
        genderCode
          ? el('administrativeGenderCode', {
              code: genderCode,
              codeSystem: OID.gender,
              codeSystemName: 'AdministrativeGender',
              displayName: genderDisplay,
            })
          : el('administrativeGenderCode', { nullFlavor: 'UNK' }),
        ts('birthTime', patient.birthDate),
        maritalStatusXml(patient),
        firstRace ? coded('raceCode', raceConcept(firstRace)) : el('raceCode', { nullFlavor: 'UNK' }),
        moreRaces.map((c) => coded('sdtc:raceCode', raceConcept(c))),
        firstEthnicity
          ? coded('ethnicGroupCode', raceConcept(firstEthnicity))
          : el('ethnicGroupCode', { nullFlavor: 'UNK' }),
        moreEthnicities.map((c) => coded('sdtc:ethnicGroupCode', raceConcept(c))),
        language ? el('languageCommunication', {}, el('languageCode', { code: language })) : undefined,
      ),
    ),
  );
}

/** Marital status in HL7's MaritalStatus codes (the FHIR system uses the same codes). */
function maritalStatusXml(patient: PatientResource): Xml | undefined {
  const coding = patient.maritalStatus?.coding?.find(
    (c) => c.code && (c.system ?? '').endsWith('v3-MaritalStatus') && /^[ADILMPSTUW]$/.test(c.code),
  );
  return coding?.code
    ? el('maritalStatusCode', {
        code: coding.code,
        codeSystem: OID.maritalStatus,
        codeSystemName: 'MaritalStatus',
        displayName: coding.display,
      })
    : undefined;
}

function performer(ctx: BuildContext, member: CareTeamMember): Xml {
  return el(
    'performer',
    { typeCode: 'PRF' },
    member.first || member.last
      ? el('time', {}, ts('low', member.first), member.last ? ts('high', member.last) : undefined)
      : undefined,
    el(
      'assignedEntity',
      {},
      el('id', { nullFlavor: 'UNK' }),
      member.office ? addrXml(officeAddress(member.office), 'WP') : undefined,
      member.office ? el('telecom', { use: 'WP', value: telUrl(member.office.phone) }) : undefined,
      el('assignedPerson', {}, displayNameXml(member.name)),
      organizationXml('representedOrganization', ctx.practice, ctx.idRoot),
    ),
  );
}

export function headerXml(input: HeaderInput): Xml[] {
  const { ctx, patient } = input;
  const practice = ctx.practice;
  const office = practice.offices[0];
  const time = ts('time', input.generatedAt);
  const lowStamp = cdaTimestamp(input.serviceStart);
  const highStamp = cdaTimestamp(input.serviceEnd);
  return [
    el('realmCode', { code: 'US' }),
    el('typeId', { root: '2.16.840.1.113883.1.3', extension: 'POCD_HD000040' }),
    templateIds([...T.usRealmHeader, ...T.ccd]),
    el('id', { root: input.documentId }),
    el('code', {
      code: '34133-9',
      codeSystem: OID.loinc,
      codeSystemName: 'LOINC',
      displayName: 'Summarization of Episode Note',
    }),
    el('title', {}, DOCUMENT_TITLE),
    ts('effectiveTime', input.generatedAt),
    el('confidentialityCode', { code: 'N', codeSystem: OID.confidentiality, displayName: 'normal' }),
    el('languageCode', { code: 'en-US' }),
    el('setId', { root: input.documentId }),
    el('versionNumber', { value: '1' }),
    recordTarget(ctx, patient),
    el(
      'author',
      {},
      time,
      el(
        'assignedAuthor',
        {},
        el('id', { root: ctx.idRoot, extension: 'patient-portal' }),
        office ? addrXml(officeAddress(office), 'WP') : el('addr', { nullFlavor: 'UNK' }),
        el('telecom', { use: 'WP', value: telUrl(practice.supportPhone) }),
        el(
          'assignedAuthoringDevice',
          {},
          el('manufacturerModelName', {}, `${practice.name} patient portal`),
          el('softwareName', {}, 'Patient portal C-CDA generator'),
        ),
        organizationXml('representedOrganization', practice, ctx.idRoot),
      ),
    ),
    el(
      'custodian',
      {},
      el('assignedCustodian', {}, organizationXml('representedCustodianOrganization', practice, ctx.idRoot)),
    ),
    el(
      'documentationOf',
      {},
      el(
        'serviceEvent',
        { classCode: 'PCPR' },
        el(
          'effectiveTime',
          {},
          lowStamp ? el('low', { value: lowStamp }) : el('low', { nullFlavor: 'UNK' }),
          highStamp ? el('high', { value: highStamp }) : el('high', { nullFlavor: 'UNK' }),
        ),
        input.careTeam.map((m) => performer(ctx, m)),
      ),
    ),
  ];
}
