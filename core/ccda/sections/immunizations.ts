// Immunizations Section (entries required): every vaccine with its CVX code and the day it was
// given (or that it was not given), as Immunization Activities.
import { formatClinicalDate } from '../../clinical-dates';
import { patientText, quantityText, referenceText, SYSTEM, statusText } from '../../fhir/text';
import type { Immunization } from '../../fhir/types';
import { coded, pq, ts } from '../coded';
import { displayNameXml } from '../contact';
import type { BuildContext, SectionContent } from '../model';
import { templateIds } from '../section';
import { eventKept, newestFirst } from '../selection';
import { T } from '../vocab';
import { el, type Xml } from '../xml';

const givenOn = (i: Immunization) => i.occurrenceDateTime ?? i.recorded;

export function immunizationsSection(ctx: BuildContext): SectionContent {
  const kept = newestFirst(
    ctx.ofType<Immunization>('Immunization').filter((i) => eventKept(givenOn(i), ctx.bounds)),
    givenOn,
  );
  const rows = kept.map((imm, n) => {
    const id = `immunization-${n + 1}`;
    return {
      id,
      cells: [
        { text: patientText(imm.vaccineCode, 'Unnamed vaccine'), id: `${id}-name` },
        formatClinicalDate(givenOn(imm)) || 'Unknown',
        statusText(imm.status ?? 'completed'),
        quantityText(imm.doseQuantity) || 'Not recorded',
        imm.lotNumber || 'Not recorded',
        referenceText(imm.performer?.[0]?.actor) || referenceText(imm.location) || 'Not recorded',
      ],
    };
  });
  return {
    key: 'immunizations',
    title: 'Immunizations',
    templateIds: T.immunizationsSection,
    code: ['11369-6', 'History of Immunization Narrative'],
    entriesRequired: true,
    emptyText: 'No immunizations are recorded for the selected dates.',
    tables: [
      {
        caption: 'Immunizations',
        headers: ['Vaccine', 'Date', 'Status', 'Dose', 'Lot number', 'Given by'],
        rows,
      },
    ],
    entries: kept.map((imm, n) => immunizationEntry(ctx, imm, `immunization-${n + 1}`)),
    count: kept.length,
  };
}

function immunizationEntry(ctx: BuildContext, imm: Immunization, id: string): Xml {
  const notGiven = imm.status === 'not-done';
  const performer = referenceText(imm.performer?.[0]?.actor);
  const manufacturer = referenceText(imm.manufacturer);
  return el(
    'substanceAdministration',
    { classCode: 'SBADM', moodCode: 'EVN', negationInd: notGiven ? 'true' : 'false' },
    templateIds(T.immunizationActivity),
    ctx.recordId(imm),
    el('text', {}, el('reference', { value: `#${id}` })),
    el('statusCode', { code: 'completed' }),
    ts('effectiveTime', givenOn(imm)),
    imm.route ? coded('routeCode', imm.route) : undefined,
    pq('doseQuantity', imm.doseQuantity, false),
    el(
      'consumable',
      {},
      el(
        'manufacturedProduct',
        { classCode: 'MANU' },
        templateIds(T.immunizationMedicationInformation),
        el(
          'manufacturedMaterial',
          {},
          coded('code', imm.vaccineCode, { prefer: [SYSTEM.cvx], ref: `${id}-name` }),
          imm.lotNumber ? el('lotNumberText', {}, imm.lotNumber) : undefined,
        ),
        manufacturer ? el('manufacturerOrganization', {}, el('name', {}, manufacturer)) : undefined,
      ),
    ),
    performer
      ? el(
          'performer',
          {},
          el(
            'assignedEntity',
            {},
            el('id', { nullFlavor: 'UNK' }),
            el('assignedPerson', {}, displayNameXml(performer)),
          ),
        )
      : undefined,
  );
}
