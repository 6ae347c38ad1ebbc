import type { ApiRoute } from '../openapi/apiRoutes.js';

/** A request's route template (/v1/orders/:id), so the latency metric has one series per route, not per id. */
export function routeTemplates(routes: readonly Pick<ApiRoute, 'method' | 'path'>[]): (method: string, path: string) => string {
  const matchers = routes
    .map((route) => ({
      method: route.method.toUpperCase(),
      template: route.path,
      pattern: new RegExp(`^${route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}/?$`),
      // Literal segments win over parameters, as /a/b would over /a/:x if both existed.
      literals: route.path.split('/').filter((part) => part && !part.startsWith(':')).length,
    }))
    .sort((a, b) => b.literals - a.literals);
  return (method, path) => {
    const wanted = method === 'HEAD' ? 'GET' : method;
    return matchers.find((m) => m.method === wanted && m.pattern.test(path))?.template ?? 'unmatched';
  };
}
