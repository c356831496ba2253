// Who a new message is written for and to whom it may go, from the device's copy: the person chosen
// in the account switcher and the providers they have seen. Shared by Messages and Home.
import type { MessageRecipients } from '../../../core/messages';
import type { PersonInReach } from '../../../core/records';
import type { RecordsReader } from '../records/records-reader';
import { selectedPatient } from '../records/selected-person';

export interface ComposeContext {
  person: PersonInReach | null;
  recipients: MessageRecipients | null;
}

export async function composeContext(reader: RecordsReader): Promise<ComposeContext> {
  const people = await reader.people();
  const patientId = selectedPatient(people);
  const person = people.find((p) => p.patientId === patientId) ?? null;
  if (!person) return { person, recipients: null };
  const recipients = await reader.snapshot<MessageRecipients>(person.patientId, 'recipients');
  return { person, recipients: recipients?.value ?? null };
}
