// The build context: the patient's resources indexed by type and id (references on a device point
// at Type/id, or urn:uuid: in raw bundles), the date bounds, and record ids.
import type { AnyResource, Reference } from '../fhir/types';
import type { BuildContext, CcdInput } from './model';
import { boundsOf } from './selection';
import { el } from './xml';

/** This portal's UUID namespace for record ids, used when the practice has no OID of its own. */
export const PORTAL_ID_ROOT = '6f1d0c0e-3b8a-4c0b-9a57-2f1c8e0d4a61';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OID_SHAPE = /^[0-2](\.(0|[1-9]\d*))+$/;

/** Whether the value can be an II root: a UUID or an OID. */
export const isIdRoot = (value: string): boolean => UUID.test(value) || OID_SHAPE.test(value);
export const isUuid = (value: string): boolean => UUID.test(value);

export function createContext(input: CcdInput): BuildContext {
  const idRoot = input.idRoot ?? PORTAL_ID_ROOT;
  if (!isIdRoot(idRoot)) throw new RangeError(`idRoot must be an OID or a UUID: ${idRoot}`);
  const byType = new Map<string, AnyResource[]>();
  const byKey = new Map<string, AnyResource>();
  for (const resource of input.resources) {
    const list = byType.get(resource.resourceType) ?? [];
    list.push(resource);
    byType.set(resource.resourceType, list);
    if (resource.id) {
      byKey.set(`${resource.resourceType}/${resource.id}`, resource);
      byKey.set(`urn:uuid:${resource.id}`, resource);
    }
  }
  return {
    bounds: boundsOf(input.selection),
    practice: input.practice,
    idRoot,
    ofType: <T extends AnyResource>(type: string) => (byType.get(type) ?? []) as T[],
    resolve: <T extends AnyResource>(reference: Reference | undefined) =>
      reference?.reference ? (byKey.get(reference.reference) as T | undefined) : undefined,
    recordId: (resource, suffix) =>
      resource.id
        ? el('id', {
            root: idRoot,
            extension: `${resource.resourceType}/${resource.id}${suffix ? `/${suffix}` : ''}`,
          })
        : el('id', { nullFlavor: 'NI' }),
  };
}
