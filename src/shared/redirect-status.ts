/**
 * The HTTP statuses that send a client on to the address in their Location, as fetch follows them:
 * a 300 offers choices and a 304 answers a cache, so neither sends Standby anywhere, whatever
 * Location they carry.
 */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])
