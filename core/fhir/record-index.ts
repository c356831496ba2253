// One pass over the resources a view is given: resources by type, and references resolved by
// "Type/id", "urn:uuid:id" or an absolute URL ending in Type/id. Built once per array (cached), so
// several views over the same record share it and every lookup is O(1).
import type { AnyResource, Reference, ResourceTypes } from './types';

export class RecordIndex {
  private readonly byType = new Map<string, AnyResource[]>();
  private readonly byKey = new Map<string, AnyResource>();

  constructor(resources: readonly AnyResource[]) {
    for (const resource of resources) {
      if (!resource || typeof resource.resourceType !== 'string') continue;
      let list = this.byType.get(resource.resourceType);
      if (!list) {
        list = [];
        this.byType.set(resource.resourceType, list);
      }
      list.push(resource);
      if (resource.id) {
        this.byKey.set(`${resource.resourceType}/${resource.id}`, resource);
        this.byKey.set(`urn:uuid:${resource.id}`, resource);
      }
    }
  }

  /** All resources of one type, in the order given. */
  all<T extends keyof ResourceTypes>(type: T): readonly ResourceTypes[T][] {
    return (this.byType.get(type) ?? []) as ResourceTypes[T][];
  }

  /** The resource a reference points to, when it is among the given resources. */
  resolve(reference: Reference | string | undefined): AnyResource | undefined {
    const text = typeof reference === 'string' ? reference : reference?.reference;
    if (!text) return undefined;
    const direct = this.byKey.get(text);
    if (direct) return direct;
    // Absolute (https://server/fhir/Observation/123) or versioned (Observation/123/_history/2).
    const match = /([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(text);
    return match ? this.byKey.get(`${match[1]}/${match[2]}`) : undefined;
  }

  /** Like resolve(), but only when the target has the expected type. */
  resolveAs<T extends keyof ResourceTypes>(
    reference: Reference | string | undefined,
    type: T,
  ): ResourceTypes[T] | undefined {
    const found = this.resolve(reference);
    return found?.resourceType === type ? (found as ResourceTypes[T]) : undefined;
  }
}

const cache = new WeakMap<readonly AnyResource[], RecordIndex>();

/** The index for this exact array; a new array (new data) gets a new index. */
export function recordIndex(resources: readonly AnyResource[]): RecordIndex {
  let index = cache.get(resources);
  if (!index) {
    index = new RecordIndex(resources);
    cache.set(resources, index);
  }
  return index;
}
