// Bench: the Consolidated Clinical Summary of the demo older adult (ten years of records) made on
// the server as "Send via Email" makes it: the record as a device receives it, the C-CDA, the .zip.
import JSZip from 'jszip';
import { buildCcd } from '../../core/ccda/index';
import { instantIn } from '../../core/clinical-dates';
import { buildPackage } from '../../core/health-record-package';
import { DEMO_PRACTICE } from '../../core/practice';
import { openDatabase } from '../../server/db/database';
import { deviceRecord } from '../../server/services/ccda/device-record';
import { createResourceStore } from '../../server/services/records/store';

const OLDER_ADULT = 'demo-older-adult';

export async function measureSummaryOnServer(
  databasePath: string,
): Promise<{ ms: number; zipBytes: number }> {
  const db = openDatabase(databasePath);
  try {
    const started = performance.now();
    const resources = deviceRecord(createResourceStore(db), {
      patientId: OLDER_ADULT,
      access: 'self',
      sensitiveCodes: new Set(),
    });
    const generatedAt = instantIn(DEMO_PRACTICE.timeZone, new Date());
    const { xml, html } = buildCcd({
      resources,
      practice: DEMO_PRACTICE,
      generatedAt,
      documentId: crypto.randomUUID(),
      selection: { kind: 'all' },
    });
    const ms = performance.now() - started;
    const zip = await buildPackage(JSZip, {
      xml,
      html,
      practice: DEMO_PRACTICE,
      generatedAt,
      coverage: 'All time',
    });
    return { ms, zipBytes: zip.byteLength };
  } finally {
    db.close();
  }
}
