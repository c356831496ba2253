// POST /api/csp-reports: browsers report Content-Security-Policy violations here. Only the
// directive and the blocked origin are logged: report bodies can quote page URLs and samples.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../context';
import { jsonBody } from '../http/validate';

/** report-uri sends application/csp-report; the Reporting API sends application/reports+json. */
const CSP_REPORT_TYPES = /^application\/(csp-report|reports\+json|json)$/i;

const legacyReport = z.object({
  'csp-report': z.object({
    'effective-directive': z.string().max(100).optional(),
    'violated-directive': z.string().max(500).optional(),
    'blocked-uri': z.string().max(2000).optional(),
  }),
});
const reportingApiReports = z
  .array(
    z.object({
      type: z.string().max(100),
      body: z.object({
        effectiveDirective: z.string().max(100).optional(),
        blockedURL: z.string().max(2000).optional(),
      }),
    }),
  )
  .max(100);
const cspReport = z.union([legacyReport, reportingApiReports]);

function blockedOrigin(uri: string | undefined): string {
  if (!uri) return 'unknown';
  try {
    return new URL(uri).origin;
  } catch {
    return uri.slice(0, 20); // keywords such as "inline" or "eval"
  }
}

export function cspReportRoutes({ log }: AppDeps) {
  return new Hono().post('/', jsonBody(cspReport, CSP_REPORT_TYPES), (c) => {
    const body = c.req.valid('json');
    const reports = Array.isArray(body)
      ? body.map((r) => ({ directive: r.body.effectiveDirective, blocked: r.body.blockedURL }))
      : [
          {
            directive: body['csp-report']['effective-directive'] ?? body['csp-report']['violated-directive'],
            blocked: body['csp-report']['blocked-uri'],
          },
        ];
    for (const report of reports) {
      log.warn('csp_violation', {
        directive: report.directive?.split(' ')[0] ?? 'unknown',
        blocked: blockedOrigin(report.blocked),
      });
    }
    return c.body(null, 204);
  });
}
