// The one way services are built: once per app (so their SQL statements are prepared once, not
// per request), on first use, from the app's dependencies. Tests get fresh services with a fresh app.
export function perApp<D extends object, T>(build: (deps: D) => T): (deps: D) => T {
  const built = new WeakMap<D, T>();
  return (deps) => {
    let service = built.get(deps);
    if (service === undefined) {
      service = build(deps);
      built.set(deps, service);
    }
    return service;
  };
}
