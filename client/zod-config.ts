// Imported first by main.ts. The page's Content-Security-Policy forbids eval, so zod's compiled
// parsers could never run here; without `jitless` zod still probes with `new Function`, and every
// page load sent the server a "script-src eval" CSP violation report.
import { config } from 'zod';

config({ jitless: true });
