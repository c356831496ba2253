// The demo practice's one conversation, so the demo shows messages from the start: Daniel Okafor
// (Full access to his daughter Amara, 9) asked her provider a medical question, and the practice's
// care team answered. Seeded once per database, at times fixed by the demo's seed date.
import type { Db } from '../../db/database';
import { type AccountRow, findAccountByPatient } from '../accounts/account-store';
import { createAudit } from '../audit/audit';
import { providersSeen } from '../messages/recipients';
import { insertMessage, insertThread, markThreadRead } from '../messages/thread-store';
import { createResourceStore } from '../records/store';
import type { DemoPerson } from './people';

export const DEMO_MESSAGES_META_KEY = 'demo_messages_seeded';
export const DEMO_THREAD_ID = 'demo-thread-amara-cough';

/** A time `days` before the seed date (YYYY-MM-DD), at hh:mm UTC. */
function before(seedDate: string, days: number, hh: number, mm: number): string {
  const day = new Date(`${seedDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - days);
  day.setUTCHours(hh, mm, 0, 0);
  return day.toISOString();
}

/**
 * Seeds the conversation if this database never had it (a conversation someone deleted is not put
 * back). Needs the parent's account, the staff account and a provider Amara has seen; true if it seeded.
 */
export function ensureDemoConversation(
  db: Db,
  people: DemoPerson[],
  seedDate: string,
  staff: AccountRow,
): boolean {
  if (db.prepare('SELECT 1 FROM meta WHERE key = ?').pluck().get(DEMO_MESSAGES_META_KEY) !== undefined)
    return false;
  const parent = people.find((p) => p.key === 'parent');
  const child = people.find((p) => p.key === 'child-9');
  const daniel = parent ? findAccountByPatient(db, parent.patientId) : undefined;
  if (!parent || !child || !daniel) return false;
  const [provider] = providersSeen(db, createResourceStore(db), child.patientId);
  const location = provider?.locations[0];
  if (!provider || !location) return false;

  const asked = before(seedDate, 2, 14, 20);
  const answered = before(seedDate, 1, 16, 5);
  const doctor = provider.name;
  db.transaction(() => {
    insertThread(db, {
      id: DEMO_THREAD_ID,
      patient_id: child.patientId,
      topic: 'care',
      subject: 'medical-question',
      practitioner_id: provider.id,
      location_id: location.id,
      with_name: provider.name,
      location_name: location.name,
      started_at: asked,
      last_message_at: asked,
    });
    insertMessage(db, {
      id: 'demo-message-amara-1',
      thread_id: DEMO_THREAD_ID,
      from_side: 'patient',
      author_account_id: daniel.id,
      author_name: parent.name,
      on_behalf_of: child.name,
      body:
        `Hello, ${child.given} has had a dry cough for five days since her cold. She has no fever and is ` +
        'eating and sleeping well, but the cough is worse at night. Should we bring her in, or is it fine to wait?',
      sent_at: asked,
    });
    markThreadRead(db, DEMO_THREAD_ID, daniel.id, asked);
    insertMessage(db, {
      id: 'demo-message-amara-2',
      thread_id: DEMO_THREAD_ID,
      from_side: 'practice',
      author_account_id: staff.id,
      author_name: `${staff.given_name} ${staff.family_name}`.trim(),
      on_behalf_of: null,
      body:
        `Thank you for writing. ${doctor} read your message: a cough often lasts two to three weeks after a ` +
        'cold, and without fever it is usually fine to wait. A spoonful of honey at bedtime and plenty of fluids ' +
        'can help. Please book a visit if she gets a fever, breathes fast or the cough is not better in two weeks.',
      sent_at: answered,
    });
    const auditAt = (at: string) => createAudit(db, () => new Date(at));
    auditAt(asked)({
      action: 'message-sent',
      accountId: findAccountByPatient(db, child.patientId)?.id ?? daniel.id,
      actorAccountId: daniel.id,
      patientId: child.patientId,
    });
    auditAt(answered)({
      action: 'message-answered',
      accountId: findAccountByPatient(db, child.patientId)?.id ?? null,
      actorAccountId: staff.id,
      patientId: child.patientId,
    });
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(DEMO_MESSAGES_META_KEY, seedDate);
  })();
  return true;
}
