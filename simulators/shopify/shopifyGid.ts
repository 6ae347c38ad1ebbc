// Shopify's global ids: gid://shopify/<Type>/<number>.
import { GraphQLError } from 'graphql';

export const gidOf = (type: string, id: number | string): string => `gid://shopify/${type}/${id}`;

/** The number in a gid of the given type; a malformed id is refused as Shopify refuses it. */
export function idOfGid(gid: unknown, type: string): number {
  const match = typeof gid === 'string' ? /^gid:\/\/shopify\/([A-Za-z]+)\/(\d{1,20})(\?.*)?$/.exec(gid) : null;
  if (!match) throw new GraphQLError(`Invalid global id '${String(gid).slice(0, 80)}'`, { extensions: { code: 'argumentLiteralsIncompatible' } });
  if (match[1] !== type) throw new GraphQLError(`Invalid global id '${String(gid).slice(0, 80)}': expected a ${type}`, { extensions: { code: 'argumentLiteralsIncompatible' } });
  return Number(match[2]);
}
