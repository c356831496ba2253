// Composes the Hono application: security headers and request logging for everything, the API
// under /api (one route module per area), the manifest, and the built app from dist/.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { routePath } from 'hono/route';
import { UPLOAD_CHUNK_BYTES } from '../core/attachments';
import { MAX_JSON_BODY_BYTES } from '../core/limits';
import type { AppDeps } from './context';
import { csrfGuard } from './http/csrf';
import { forgetUnfinishedRequests } from './http/idempotency';
import { ProblemException, problemResponse, problems } from './http/problem';
import { securityHeaders } from './http/security-headers';
import { staticFiles } from './http/static-files';
import { errorFields } from './log';
import { webAppManifest } from './manifest';
import { activityRoutes } from './routes/activity';
import { authRoutes } from './routes/auth';
import { billingRoutes } from './routes/billing';
import { cspReportRoutes } from './routes/csp-reports';
import { familyRoutes } from './routes/family';
import { healthRoutes } from './routes/health';
import { healthRecordRoutes, sharedRecordRoutes } from './routes/health-records';
import { meRoutes } from './routes/me';
import { patientMessageRoutes, staffMessageRoutes } from './routes/messages';
import { type Dispatch, outboxRoutes } from './routes/outbox';
import { practiceRoutes } from './routes/practice';
import { pushRoutes } from './routes/push';
import { recordRoutes } from './routes/records';
import { UPLOAD_CHUNK_PATH, uploadRoutes } from './routes/uploads';
import { attachmentProblems } from './services/messages/attachments/problems';
import { uploadsOf } from './services/messages/attachments/uploads';

/** The API's route table. Chained so that hc<AppType> on the client sees every path and type. */
export function apiRoutes(deps: AppDeps, dispatch: Dispatch) {
  return new Hono()
    .basePath('/api')
    .route('/health', healthRoutes(deps))
    .route('/practice', practiceRoutes(deps))
    .route('/csp-reports', cspReportRoutes(deps))
    .route('/auth', authRoutes(deps))
    .route('/me', meRoutes(deps))
    .route('/patients', recordRoutes(deps))
    .route('/patients', billingRoutes(deps))
    .route('/patients', activityRoutes(deps))
    .route('/patients', healthRecordRoutes(deps))
    .route('/shared-records', sharedRecordRoutes(deps))
    .route('/patients', patientMessageRoutes(deps))
    .route('/staff', staffMessageRoutes(deps))
    .route('/uploads', uploadRoutes(deps))
    .route('/family', familyRoutes(deps))
    .route('/push', pushRoutes(deps))
    .route('/outbox', outboxRoutes(deps, dispatch));
}

export type AppType = ReturnType<typeof apiRoutes>;

export function createApp(deps: AppDeps) {
  const { config, log } = deps;
  // This process owns the database from now: what an earlier one left half done is cleared.
  forgetUnfinishedRequests(deps.db);
  uploadsOf(deps).removeExpired();
  const app = new Hono();
  // Replayed outbox requests run through the whole app, middleware included, like any request.
  const api = apiRoutes(deps, (request, env) => Promise.resolve(app.fetch(request, env)));

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // The route pattern, never the concrete path: paths may one day carry identifiers.
    log.info('request', {
      method: c.req.method,
      route: routePath(c) || 'unmatched',
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.use(securityHeaders(config.publicUrl));
  app.use(compress());
  // Every API request is a small JSON document, but a chunk of an upload.
  const jsonLimit = bodyLimit({
    maxSize: MAX_JSON_BODY_BYTES,
    onError: () => problemResponse(problems.payloadTooLarge(MAX_JSON_BODY_BYTES)),
  });
  const chunkLimit = bodyLimit({
    maxSize: UPLOAD_CHUNK_BYTES,
    onError: () => problemResponse(attachmentProblems.tooLarge('chunk')),
  });
  app.use('/api/*', (c, next) => (UPLOAD_CHUNK_PATH.test(c.req.path) ? chunkLimit : jsonLimit)(c, next));
  app.use('/api/*', csrfGuard(config.publicUrl));
  app.use(
    '/api/*',
    methodNotAllowed({
      app: api,
      onMethodNotAllowed: (c, allowed) =>
        problemResponse(problems.methodNotAllowed(c.req.method, allowed), { allow: allowed.join(', ') }),
    }),
  );
  app.route('/', api);
  app.all('/api/*', () => problemResponse(problems.notFound('There is no API endpoint at this address.')));

  app.get('/manifest.webmanifest', (c) => {
    c.header('content-type', 'application/manifest+json; charset=utf-8');
    c.header('cache-control', 'no-cache');
    return c.body(JSON.stringify(webAppManifest(config.practice)));
  });

  const serveApp = staticFiles(config.distDir);
  app.on(['GET', 'HEAD'], '*', async (c) => (await serveApp(c)) ?? c.notFound());

  app.notFound(() => problemResponse(problems.notFound()));
  app.onError((error, c) => {
    if (error instanceof ProblemException) return problemResponse(error.problem, error.headers);
    // Hono's validator reads a JSON body before ours does; its parse failure is our invalid JSON.
    if (error instanceof HTTPException && error.status === 400 && /malformed json/i.test(error.message)) {
      return problemResponse(problems.invalidJson());
    }
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse({
        type: 'about:blank',
        title: error.message || 'Bad request',
        status: error.status,
      });
    }
    log.error('unhandled_error', { route: routePath(c) || 'unmatched', ...errorFields(error) });
    return problemResponse(problems.internal());
  });
  return app;
}
