/**
 * The Inertia protocol, framework-free: given a request's method, url and headers and a page
 * (component + props), decide the response. Kept pure so it is tested without a server.
 * Protocol: https://inertiajs.com/docs/v3/core-concepts/the-protocol
 */

/** A prop left out of every visit unless a partial reload names it (Inertia's "optional" prop). */
export interface LazyProp<T = unknown> {
  readonly __inertia: 'lazy';
  readonly resolve: () => T | Promise<T>;
}

/** A prop sent on every visit, partial reloads included. */
export interface AlwaysProp<T = unknown> {
  readonly __inertia: 'always';
  readonly value: T | (() => T | Promise<T>);
}

export function lazy<T>(resolve: () => T | Promise<T>): LazyProp<T> {
  return { __inertia: 'lazy', resolve };
}

export function always<T>(value: T | (() => T | Promise<T>)): AlwaysProp<T> {
  return { __inertia: 'always', value };
}

/** A prop value: plain, a function (evaluated only when the prop is sent), lazy or always. */
export type PropValue = unknown;
export type Props = Record<string, PropValue>;

export interface PageObject {
  component: string;
  props: Record<string, unknown>;
  url: string;
  version: string;
}

export interface InertiaRequest {
  method: string;
  /** Path and query string as the browser asked for it. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export type InertiaResponse =
  | { kind: 'html'; status: 200; page: PageObject }
  | { kind: 'json'; status: 200; page: PageObject; headers: Record<string, string> }
  | { kind: 'conflict'; status: 409; headers: Record<string, string> };

function header(req: InertiaRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function list(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function isLazy(value: unknown): value is LazyProp {
  return typeof value === 'object' && value !== null && (value as LazyProp).__inertia === 'lazy';
}

function isAlways(value: unknown): value is AlwaysProp {
  return typeof value === 'object' && value !== null && (value as AlwaysProp).__inertia === 'always';
}

async function evaluate(value: unknown): Promise<unknown> {
  if (isLazy(value)) return value.resolve();
  if (isAlways(value)) return evaluate(value.value);
  if (typeof value === 'function') return (value as () => unknown)();
  return value;
}

/**
 * Which props a visit gets: on a partial reload of the same component only those named in
 * `X-Inertia-Partial-Data` (or all but `X-Inertia-Partial-Except`), plus `always` props;
 * otherwise every prop but the lazy ones. Functions are called only for props that are sent.
 */
export async function selectProps(
  req: InertiaRequest,
  component: string,
  props: Props,
): Promise<Record<string, unknown>> {
  const partialComponent = header(req, 'x-inertia-partial-component');
  const partial = header(req, 'x-inertia') !== undefined && partialComponent === component;
  const only = partial ? list(header(req, 'x-inertia-partial-data')) : null;
  const except = partial ? list(header(req, 'x-inertia-partial-except')) : null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    let send: boolean;
    if (isAlways(value)) send = true;
    else if (except) send = !except.includes(key) && (!isLazy(value) || (only?.includes(key) ?? false));
    else if (only) send = only.includes(key);
    else send = !isLazy(value);
    if (send) out[key] = await evaluate(value);
  }
  return out;
}

/** Answers one page visit following the protocol. */
export async function respond(
  req: InertiaRequest,
  page: { component: string; props: Props },
  version: string,
): Promise<InertiaResponse> {
  const inertia = header(req, 'x-inertia') !== undefined;
  // A stale client on a GET reloads the whole page so it picks up the new assets.
  if (inertia && req.method.toUpperCase() === 'GET') {
    const clientVersion = header(req, 'x-inertia-version');
    if (clientVersion !== undefined && clientVersion !== version) {
      return { kind: 'conflict', status: 409, headers: { 'X-Inertia-Location': req.url } };
    }
  }
  const pageObject: PageObject = {
    component: page.component,
    props: await selectProps(req, page.component, page.props),
    url: req.url,
    version,
  };
  if (inertia) {
    return {
      kind: 'json',
      status: 200,
      page: pageObject,
      headers: { 'X-Inertia': 'true', Vary: 'X-Inertia', 'Content-Type': 'application/json; charset=utf-8' },
    };
  }
  return { kind: 'html', status: 200, page: pageObject };
}
