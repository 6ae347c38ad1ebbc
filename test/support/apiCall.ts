/** What synchub's API answered: the status, the JSON body (undefined when empty) and the headers. */
export interface ApiAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** One request to synchub's API at `base` with a bearer token and, when given, a JSON body. */
export async function callApi(base: string, token: string, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** The target of a `Link: <…>; rel="next"` header (the next page of a list); undefined on the last page. */
export const nextPageOf = (link: string | null): string | undefined => /^<([^>]+)>; rel="next"$/.exec(link ?? '')?.[1];
