/** One stream per token. */
export const accessTokenStream = (tokenId: string): string => `accesstoken-${tokenId}`;

/** The token SYNCHUB_ADMIN_TOKEN seeds: a fixed id, so restarts find it again instead of adding one. */
export const BOOTSTRAP_ADMIN_TOKEN_ID = 'bootstrap-admin';
