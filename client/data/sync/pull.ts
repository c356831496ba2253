// The one pull routine. The page (records/sync-records.ts) applies what it brings to the unlocked
// cache; the service worker (records/inbox.ts) seals it into the inbox, having no data key. Both
// get the same steps in the same order, and the same answer when access ends part-way:
//   1. the people list (who this account may see, at which level);
//   2. for each person who may see clinical data, the changes pages from their cursor;
//   3. for everyone on the list, the whole answers kept per person (billing, messages, ...).
import {
  type ChangesPage,
  changesPath,
  DEFAULT_CHANGES_PAGE_SIZE,
  PEOPLE_PATH,
  type PersonInReach,
  seesClinicalData,
} from '../../../core/records';
import type { ApiOutcome } from '../api-request';
import { readChangesPage, readPeople } from '../records/answer-shapes';
import type { PageOutcome } from '../records/apply-page';
import { errorFromOutcome, isOutOfReach, malformedAnswer } from '../records/records-errors';
import { type SnapshotSource, sourcesFor } from './snapshot-sources';

/** An authorised GET as the signed-in account: `(path) => session.request(path)`. */
export type RecordsFetch = <T>(path: string) => Promise<ApiOutcome<T>>;

/** Where this person stands in the sync, for progress displays: 1-based `person` of `of`. */
export interface PullPosition {
  person: number;
  of: number;
}

/** What the caller does with each step. Every method may throw to end the pull. */
export interface PullSink {
  /** The cursor to ask from for this person; read again before every page. */
  since(patientId: string): Promise<number>;
  people(people: PersonInReach[]): Promise<void>;
  /**
   * The person's record answered "out of reach" since the list was fetched: access ended (404)
   * or dropped to Billing only (403). Their records leave the device at once.
   */
  gone(patientId: string, status: 403 | 404): Promise<void>;
  /** One page that starts at since(patientId). 'stale' and 'restart' make the routine ask again. */
  page(page: ChangesPage, position: PullPosition): Promise<PageOutcome>;
  /**
   * A person's whole answer of one kind, checked by `source.read` (`value`) and as the server sent
   * it (`answer`); both null when that answer is out of reach now.
   */
  snapshot(
    person: PersonInReach,
    source: SnapshotSource,
    value: object | null,
    answer: unknown,
  ): Promise<void>;
}

/** Stale pages in a row before giving up (a server stuck answering from the wrong cursor). */
const MAX_STALE_PAGES = 3;

/** Runs one pull into `sink`. Throws a RecordsError when the server or the network fails. */
export async function pull(
  fetch: RecordsFetch,
  sink: PullSink,
  pageSize: number = DEFAULT_CHANGES_PAGE_SIZE,
): Promise<PersonInReach[]> {
  const peopleOutcome = await fetch<unknown>(PEOPLE_PATH);
  if (peopleOutcome.kind !== 'ok') throw errorFromOutcome(peopleOutcome);
  const people = readPeople(peopleOutcome.data);
  if (!people) throw malformedAnswer();
  await sink.people(people);

  const clinical = people.filter((p) => seesClinicalData(p.access));
  for (const [index, person] of clinical.entries())
    await pullPerson(fetch, sink, person.patientId, { person: index + 1, of: clinical.length }, pageSize);

  // Asked for all at once: small answers, and a sync with nothing new should stay quick.
  const wanted = people.flatMap((person) => sourcesFor(person).map((source) => ({ person, source })));
  const outcomes = await Promise.all(
    wanted.map(({ person, source }) => fetch<unknown>(source.path(person.patientId))),
  );
  for (const [index, { person, source }] of wanted.entries()) {
    const outcome = outcomes[index]!;
    if (outcome.kind === 'problem' && isOutOfReach(outcome.status, outcome.problem.type)) {
      // Out of reach since the people list was fetched: the next list drops the person.
      await sink.snapshot(person, source, null, null);
      continue;
    }
    if (outcome.kind !== 'ok') throw errorFromOutcome(outcome);
    const value = source.read(outcome.data, person.patientId);
    if (!value) throw malformedAnswer();
    await sink.snapshot(person, source, value, outcome.data);
  }
  return people;
}

async function pullPerson(
  fetch: RecordsFetch,
  sink: PullSink,
  patientId: string,
  position: PullPosition,
  pageSize: number,
): Promise<void> {
  let stale = 0;
  for (;;) {
    const since = await sink.since(patientId);
    const outcome = await fetch<unknown>(`${changesPath(patientId)}?since=${since}&limit=${pageSize}`);
    if (outcome.kind === 'problem' && isOutOfReach(outcome.status, outcome.problem.type)) {
      await sink.gone(patientId, outcome.status === 404 ? 404 : 403);
      return;
    }
    if (outcome.kind !== 'ok') throw errorFromOutcome(outcome);
    const page = readChangesPage(outcome.data, patientId);
    if (!page) throw malformedAnswer();
    const result = page.since === since ? await sink.page(page, position) : 'stale';
    if (result === 'restart') continue;
    if (result === 'stale') {
      // A repeated or out-of-date page: ask again from the cursor as it is now.
      stale += 1;
      if (stale >= MAX_STALE_PAGES) throw malformedAnswer();
      continue;
    }
    stale = 0;
    if (!page.more) return;
  }
}
