// The typed API client: every call is checked against the types generated from synchub's OpenAPI document.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Role = Schemas['ConsoleSession']['role'];

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | undefined;
let signedOut: () => void = () => undefined;

/** The session's CSRF token goes with every change; a 401 anywhere means the session ended. */
export function useSession(session: { csrfToken: string } | undefined, onSignedOut: () => void): void {
  csrfToken = session?.csrfToken;
  signedOut = onSignedOut;
}

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (csrfToken && CHANGES.has(request.method)) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/console/session')) signedOut();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(sessionMiddleware);

/** An answer that is not 2xx, with the API's problem details (field errors on 400). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Schemas['Problem']> | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

/** The data of a 2xx answer; an ApiProblem otherwise. */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiProblem(response.status, error as Partial<Schemas['Problem']> | undefined);
  return data as T;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** What the route table says: a role allows everything the roles below it allow. */
export const roleAllows = (role: Role | undefined, needed: Role) => role !== undefined && RANK[role] >= RANK[needed];
