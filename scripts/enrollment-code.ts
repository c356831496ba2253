// `npm run enrollment-code -- <patient-id>`: issues a one-time code (valid 14 days) with which a
// patient aged 13 to 17 can register. Give it to the patient in person or by phone; it is not kept.
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { issueEnrollmentCode } from '../server/services/accounts/enrollment-codes';
import { findPatient } from '../server/services/accounts/identity-match';

const patientId = process.argv[2]?.trim();
if (!patientId) {
  process.stderr.write('Usage: npm run enrollment-code -- <patient-id>\n');
  process.exit(2);
}
const config = loadConfig(process.env);
const db = openDatabase(config.databasePath);
try {
  migrate(db);
  if (!findPatient(db, patientId)) {
    process.stderr.write(`There is no patient with the id ${patientId} in ${config.databasePath}.\n`);
    process.exit(1);
  }
  const { code, expiresAt } = issueEnrollmentCode(db, patientId, new Date());
  process.stdout.write(
    `Enrollment code for patient ${patientId}: ${code}\nValid once, until ${expiresAt} (UTC). It is stored only as a hash: note it now.\n`,
  );
} finally {
  db.close();
}
