// `npm run link-guardian -- <parent-account-email> <patient-id> [relationship]`: the office links a
// parent or guardian: Full for a child under 13, Billing only from 13, refused for an adult.
import { RELATIONSHIP_LABELS, RELATIONSHIPS, type Relationship } from '../core/family';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { ProxyLinkError } from '../server/services/access/proxy-access';
import { accountForLink, linkByPractice } from '../server/services/family/practice-links';

const USAGE = `Usage: npm run link-guardian -- <parent-account-email> <patient-id> [relationship]
  relationship: one of ${RELATIONSHIPS.join(', ')} (default: parent)\n`;

const isRelationship = (value: string): value is Relationship =>
  (RELATIONSHIPS as readonly string[]).includes(value);

function main(args: string[]): number {
  const [email, patientId, relationship = 'parent'] = args.filter((arg) => arg !== '--').map((a) => a.trim());
  if (!email || !patientId) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (!isRelationship(relationship)) {
    process.stderr.write(`Unknown relationship ${JSON.stringify(relationship)}.\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  try {
    migrate(db);
    const deps = { db, config, now: () => new Date() };
    const result = linkByPractice(deps, { accountId: accountForLink(db, email), patientId, relationship });
    const who = `${email} (${RELATIONSHIP_LABELS[relationship].toLowerCase()})`;
    const level = result.access.level === 'full' ? 'Full access' : 'Billing only access';
    const lines: Record<typeof result.outcome, string> = {
      added: `Linked ${who} to patient ${patientId} with ${level}.`,
      changed: `Updated the link of ${who} to patient ${patientId}: ${level}.`,
      unchanged: `${who} already has ${level} to patient ${patientId}; nothing changed.`,
      kept: `${who} already has family access to patient ${patientId}; it was left as it is.`,
    };
    process.stdout.write(`${lines[result.outcome]}\n`);
    if (result.access.level === 'billing' || result.outcome === 'kept')
      process.stdout.write(
        'The patient is 13 or older: a parent gets Billing only access, and only the teen can give Full access, from Family access settings in their own account.\n',
      );
    return 0;
  } catch (error) {
    if (!(error instanceof ProxyLinkError)) throw error;
    process.stderr.write(`${error.message}\nNothing was changed.\n`);
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = main(process.argv.slice(2));
