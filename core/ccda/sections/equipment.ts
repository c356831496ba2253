// Medical Equipment Section: the patient's devices (FHIR Device, e.g. implants, when the record has
// them), in the narrative only. The section's entries are optional, and the UDI Product Instance
// template needs issuer ids the device record does not carry, so no coded entry is claimed.
import { patientText, statusText } from '../../fhir/text';
import type { AnyResource, CodeableConcept } from '../../fhir/types';
import type { BuildContext, SectionContent } from '../model';
import { stateKept } from '../selection';
import { T } from '../vocab';

/** Device is not in core/fhir/types.ts: the fields read here. */
interface DeviceResource extends AnyResource {
  resourceType: 'Device';
  status?: string;
  type?: CodeableConcept;
  deviceName?: { name?: string }[];
  udiCarrier?: { deviceIdentifier?: string; carrierHRF?: string }[];
  manufactureDate?: string;
  expirationDate?: string;
}

export function medicalEquipmentSection(ctx: BuildContext): SectionContent {
  // A device in use has no start date in FHIR: it is in every selection while active.
  const kept = ctx
    .ofType<DeviceResource>('Device')
    .filter((d) => d.status !== 'entered-in-error')
    .filter((d) => stateKept(undefined, undefined, d.status !== 'inactive', ctx.bounds));
  return {
    key: 'medicalEquipment',
    title: 'Medical Equipment',
    templateIds: T.medicalEquipmentSection,
    code: ['46264-8', 'History of medical device use'],
    entriesRequired: false,
    emptyText: 'No medical devices are recorded.',
    tables: [
      {
        caption: 'Medical devices',
        headers: ['Device', 'Status', 'Device identifier (UDI)'],
        rows: kept.map((d, i) => ({
          id: `device-${i + 1}`,
          cells: [
            patientText(d.type, d.deviceName?.[0]?.name ?? 'Device'),
            statusText(d.status ?? 'active'),
            d.udiCarrier?.[0]?.carrierHRF ?? d.udiCarrier?.[0]?.deviceIdentifier ?? '—',
          ],
        })),
      },
    ],
    entries: [],
    count: kept.length,
  };
}
