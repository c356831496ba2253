// Imports one FHIR R4 Bundle (transaction, batch or collection, as Synthea and EHR exports write
// them) into the resource store, in one transaction: all of it, or nothing and the reasons why.
// A RelatedPerson naming a young child's parent or guardian links that person's portal account.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { DEMO_PRACTICE } from '../../../core/practice';
import type { Db } from '../../db/database';
import { linkRelatedGuardians, type RelatedPersonOf } from '../family/practice-links';
import { bundleSchema, type ParsedBundle, type ParsedEntry } from './bundle-schema';
import { canonicalJson } from './canonical-json';
import { patientIdOf } from './compartment';
import { isFhirId } from './fhir-primitives';
import { forEachReference, identifierToken, parseReference } from './references';
import {
  createResourceStore,
  type FhirResource,
  identifiersOf,
  type PutOutcome,
  type ResourceStore,
} from './store';

export class BundleImportError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'BundleImportError';
  }
}

export type TypeCounts = Record<PutOutcome, number>;

export interface ImportReport {
  bundleType: ParsedBundle['type'];
  /** Entries in the bundle. */
  resources: number;
  added: number;
  changed: number;
  unchanged: number;
  byType: Record<string, TypeCounts>;
  /** Patients new to the database, and patients matched (by identifier or id) to a stored one. */
  patientsAdded: number;
  patientsMatched: number;
  /** Stored ids of the bundle's patients (ids only; no names). */
  patientIds: string[];
  /** Conditional (Type?identifier=...) and identifier-only references turned into Type/id. */
  referencesResolved: number;
  /** Conditional references that matched nothing; they are kept as written, with their display. */
  unresolvedReferences: number;
  /** Up to five distinct unresolved reference texts (practice identifiers such as an NPI). */
  unresolvedSamples: string[];
  /** Portal accounts linked as parent or guardian of a child under 13 (from RelatedPerson). */
  guardiansLinked: number;
}

export interface ImportOptions {
  /** The practice's time zone, for the age rules of guardian links; the demo practice's by default. */
  timeZone?: string;
  now?: () => Date;
}

/** Most problems a rejected bundle reports at once: enough to fix several, short enough to read. */
const MAX_PROBLEMS = 10;

/**
 * Imports `input` (JSON text, or an already parsed value) into the database. Throws
 * BundleImportError, with the database unchanged, when the bundle is malformed.
 */
export function importBundle(
  db: Db,
  input: unknown,
  store: ResourceStore = createResourceStore(db),
  options: ImportOptions = {},
): ImportReport {
  const raw = typeof input === 'string' ? parseJson(input) : structuredClone(input);
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) throw new BundleImportError(describeIssues(raw, parsed.error.issues));
  return db.transaction(() => {
    const run = new BundleImport(store, parsed.data);
    const report = run.run();
    // Accounts that exist now only (documented in practice-links.ts); in the same transaction.
    report.guardiansLinked = linkRelatedGuardians(
      {
        db,
        now: options.now ?? (() => new Date()),
        config: { practice: { timeZone: options.timeZone ?? DEMO_PRACTICE.timeZone } },
      },
      run.relatedPersons,
    );
    return report;
  })();
}

function parseJson(text: string): unknown {
  try {
    // A byte-order mark is common in files saved by Windows tools and is not JSON.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new BundleImportError([
      `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
}

class BundleImport {
  private readonly entries: ParsedEntry[];
  private readonly problems: string[] = [];
  private readonly finalIds: string[] = [];
  private readonly matched: boolean[] = [];
  /** fullUrl and original Type/id of each entry, to the Type/id it is stored under. */
  private readonly targets = new Map<string, string>();
  /** `Type|system|value` (and `|system|value` for untyped lookups) of the bundle's identifiers. */
  private readonly identifiers = new Map<string, Set<string>>();
  private readonly report: ImportReport;
  /** The RelatedPersons written, with their patient: the practice's guardian links come from them. */
  readonly relatedPersons: RelatedPersonOf[] = [];

  constructor(
    private readonly store: ResourceStore,
    bundle: ParsedBundle,
  ) {
    this.entries = bundle.entry;
    this.report = {
      bundleType: bundle.type,
      resources: bundle.entry.length,
      added: 0,
      changed: 0,
      unchanged: 0,
      byType: {},
      patientsAdded: 0,
      patientsMatched: 0,
      patientIds: [],
      referencesResolved: 0,
      unresolvedReferences: 0,
      unresolvedSamples: [],
      guardiansLinked: 0,
    };
  }

  run(): ImportReport {
    this.assignIds();
    this.check();
    this.indexEntries();
    this.entries.forEach((entry, index) => {
      this.resolveReferences(index, entry.resource);
    });
    this.check();
    const plans = this.entries.map((entry, index) => this.plan(index, entry));
    this.check();
    for (const plan of plans) this.write(plan);
    return this.report;
  }

  private label(index: number): string {
    return `entry[${index}] (${this.entries[index]?.resource.resourceType ?? 'unknown'})`;
  }

  private problem(index: number, message: string): void {
    this.problems.push(`${this.label(index)}: ${message}`);
  }

  private check(): void {
    if (this.problems.length > 0) throw new BundleImportError(this.problems.slice(0, MAX_PROBLEMS));
  }

  /** Decides the id each entry is stored under: a matched patient's or directory entry's, else its own. */
  private assignIds(): void {
    const seen = new Map<string, number>();
    const fullUrls = new Map<string, number>();
    this.entries.forEach((entry, index) => {
      const resource = entry.resource;
      const type = resource.resourceType;
      let matchedId: string | undefined;
      if (type === 'Patient') matchedId = this.matchPatient(index, resource);
      else if (!pointsAtPatient(resource))
        matchedId = this.matchShared(type, resource, entry.request?.ifNoneExist);
      const id = matchedId ?? resource.id ?? derivedId(type, entry.fullUrl, resource);
      this.finalIds[index] = id;
      this.matched[index] = matchedId !== undefined;
      const key = `${type}/${id}`;
      const earlier = seen.get(key);
      if (earlier !== undefined)
        this.problem(index, `${key} appears twice in the bundle (also entry[${earlier}])`);
      else seen.set(key, index);
      if (entry.fullUrl !== undefined) {
        const sameUrl = fullUrls.get(entry.fullUrl);
        if (sameUrl !== undefined) this.problem(index, `fullUrl ${entry.fullUrl} repeats entry[${sameUrl}]`);
        else fullUrls.set(entry.fullUrl, index);
      }
    });
  }

  /** A stored patient holding any of the incoming identifiers, else one stored under the same id. */
  private matchPatient(index: number, resource: ParsedEntry['resource']): string | undefined {
    const found = new Set<string>();
    for (const { system, value } of identifiersOf(resource)) {
      const id = this.store.findByIdentifier('Patient', system, value);
      if (id !== undefined) found.add(id);
    }
    if (found.size > 1) {
      this.problem(
        index,
        `its identifiers match ${found.size} different stored patients; fix the records first`,
      );
      return undefined;
    }
    const [id] = found;
    if (id !== undefined) return id;
    return resource.id !== undefined && this.isLive('Patient', resource.id) ? resource.id : undefined;
  }

  /** Practice-wide resources (Practitioner, Organization, Location...) are matched by identifier too. */
  private matchShared(
    type: string,
    resource: ParsedEntry['resource'],
    ifNoneExist?: string,
  ): string | undefined {
    const token = ifNoneExist === undefined ? undefined : identifierToken(ifNoneExist);
    const candidates = token ? [token, ...identifiersOf(resource)] : identifiersOf(resource);
    for (const { system, value } of candidates) {
      const id = this.store.findByIdentifier(type, system, value);
      if (id !== undefined) return id;
    }
    return resource.id !== undefined && this.isLive(type, resource.id) ? resource.id : undefined;
  }

  private isLive(type: string, id: string): boolean {
    const stored = this.store.get(type, id);
    return stored !== undefined && !stored.deleted;
  }

  private indexEntries(): void {
    this.entries.forEach((entry, index) => {
      const { resourceType: type, id: originalId } = entry.resource;
      const target = `${type}/${this.finalIds[index]}`;
      if (entry.fullUrl !== undefined) this.targets.set(entry.fullUrl, target);
      if (originalId !== undefined) this.targets.set(`${type}/${originalId}`, target);
      for (const { system, value } of identifiersOf(entry.resource)) {
        for (const key of [`${type}|${system}|${value}`, `|${system}|${value}`]) {
          const set = this.identifiers.get(key) ?? new Set<string>();
          set.add(target);
          this.identifiers.set(key, set);
        }
      }
    });
  }

  private resolveReferences(index: number, resource: ParsedEntry['resource']): void {
    forEachReference(resource, ({ node, path }) => {
      const where = path === '' ? 'reference' : `${path}.reference`;
      const text = node.reference;
      if (text === undefined) {
        this.resolveLogical(node);
        return;
      }
      if (typeof text !== 'string') {
        this.problem(index, `${where} must be a string, not ${JSON.stringify(text)}`);
        return;
      }
      const target = this.targets.get(text);
      if (target !== undefined) {
        node.reference = target;
        return;
      }
      const parsed = parseReference(text);
      if (parsed.kind === 'urn') {
        this.problem(index, `${where} ${text} points to no entry in this bundle`);
      } else if (parsed.kind === 'conditional') {
        const resolved = this.lookup(parsed.type, parsed.system, parsed.value);
        if (resolved !== undefined) {
          node.reference = resolved;
          this.report.referencesResolved += 1;
        } else {
          this.report.unresolvedReferences += 1;
          const samples = this.report.unresolvedSamples;
          if (samples.length < 5 && !samples.includes(text)) samples.push(text);
        }
      }
      // Type/id not in the bundle, #contained and absolute URLs stay as written: they may name
      // resources stored by an earlier import, and a reference kept is better than one lost.
    });
  }

  /** Identifier-only references (valid FHIR) gain a Type/id when exactly one resource matches. */
  private resolveLogical(node: Record<string, unknown>): void {
    const identifier = node.identifier as { system?: unknown; value?: unknown };
    if (typeof identifier.value !== 'string') return;
    const system = typeof identifier.system === 'string' ? identifier.system : '';
    const type = typeof node.type === 'string' ? node.type : undefined;
    let target: string | undefined;
    if (type !== undefined) {
      target = this.lookup(type, system, identifier.value);
    } else {
      const found = new Set(this.identifiers.get(`|${system}|${identifier.value}`));
      for (const key of this.store.findAnyByIdentifier(system, identifier.value))
        found.add(`${key.type}/${key.id}`);
      if (found.size === 1) [target] = found;
    }
    if (target !== undefined) {
      node.reference = target;
      this.report.referencesResolved += 1;
    }
  }

  /** Type/id of the one resource of `type` with system|value: in this bundle first, then stored. */
  private lookup(type: string, system: string, value: string): string | undefined {
    const inBundle = this.identifiers.get(`${type}|${system}|${value}`);
    if (inBundle !== undefined) return inBundle.size === 1 ? [...inBundle][0] : undefined;
    const id = this.store.findByIdentifier(type, system, value);
    return id === undefined ? undefined : `${type}/${id}`;
  }

  private plan(index: number, entry: ParsedEntry): WritePlan {
    const resource = entry.resource as FhirResource;
    resource.id = this.finalIds[index] ?? '';
    const patientId = patientIdOf(resource);
    const stored = this.store.get(resource.resourceType, resource.id);
    const exists = stored !== undefined && !stored.deleted;
    // Moving a resource between patients would leak it to the wrong family and leave stale copies
    // on devices (pull sync reads per patient), so a bundle that tries is refused.
    if (exists && stored.patientId !== patientId) {
      this.problem(index, `${resource.resourceType}/${resource.id} is already stored for another patient`);
    }
    // A patient bundle's inline copy of a practitioner or organization must not overwrite the
    // practice directory (and flip back on the next import); only an explicit PUT replaces it.
    const keep = exists && patientId === null && entry.request?.method !== 'PUT';
    return { index, resource, patientId, keep };
  }

  private write({ index, resource, patientId, keep }: WritePlan): void {
    const outcome: PutOutcome = keep ? 'unchanged' : this.store.put(resource, { patientId }).outcome;
    const report = this.report;
    report[outcome] += 1;
    const counts = report.byType[resource.resourceType] ?? { added: 0, changed: 0, unchanged: 0 };
    counts[outcome] += 1;
    report.byType[resource.resourceType] = counts;
    if (resource.resourceType === 'RelatedPerson' && patientId !== null)
      this.relatedPersons.push({ patientId, resource });
    if (resource.resourceType === 'Patient') {
      report.patientIds.push(resource.id);
      if (this.matched[index]) report.patientsMatched += 1;
      else if (outcome === 'added') report.patientsAdded += 1;
    }
  }
}

interface WritePlan {
  index: number;
  resource: FhirResource;
  patientId: string | null;
  keep: boolean;
}

function pointsAtPatient(resource: ParsedEntry['resource']): boolean {
  return (
    resource.subject !== undefined || resource.patient !== undefined || resource.beneficiary !== undefined
  );
}

/** An id for an entry that has none: its urn:uuid, else a hash of its content (stable on re-import). */
function derivedId(type: string, fullUrl: string | undefined, resource: unknown): string {
  const uuid = fullUrl?.startsWith('urn:uuid:') ? fullUrl.slice('urn:uuid:'.length) : undefined;
  if (uuid !== undefined && isFhirId(uuid)) return uuid;
  return createHash('sha256')
    .update(`${type}\n${canonicalJson(resource)}`)
    .digest('hex')
    .slice(0, 40);
}

function describeIssues(raw: unknown, issues: z.core.$ZodIssue[]): string[] {
  return issues
    .flatMap(closestBranch)
    .slice(0, MAX_PROBLEMS)
    .map((issue) => {
      const [first, index, ...rest] = issue.path;
      if (first === 'entry' && typeof index === 'number') {
        const type = resourceTypeAt(raw, index);
        // Paths inside the resource read as FHIR paths (subject.reference), as in the reference checks.
        const where = formatPath(rest[0] === 'resource' && rest.length > 1 ? rest.slice(1) : rest);
        return `entry[${index}]${type ? ` (${type})` : ''}: ${where ? `${where}: ` : ''}${issue.message}`;
      }
      const where = formatPath(issue.path);
      return where ? `${where}: ${issue.message}` : issue.message;
    });
}

/**
 * A union (Reference or list of References) fails as a whole with "Invalid input"; the branch that
 * got furthest into the value says what is actually wrong, so report that branch's issues.
 */
function closestBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const depth = (branch: z.core.$ZodIssue[]) => Math.max(...branch.map((i) => i.path.length));
  const best = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  return best.flatMap((inner) => closestBranch({ ...inner, path: [...issue.path, ...inner.path] }));
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
}

function resourceTypeAt(raw: unknown, index: number): string | undefined {
  const entry = (raw as { entry?: unknown[] } | null)?.entry?.[index] as
    | { resource?: { resourceType?: unknown } }
    | undefined;
  const type = entry?.resource?.resourceType;
  return typeof type === 'string' ? type : undefined;
}
