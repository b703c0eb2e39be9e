/**
 * Where the browser shell carries the IPC contract: the page connects to this path on the shell's
 * own origin, presenting this run's secret in the query.
 */

/** The path of the shell's IPC WebSocket. */
export const IPC_SOCKET_PATH = '/standby-ipc'

/** The query parameter that carries this run's secret, on the first address and on the socket. */
export const SECRET_PARAM = 'secret'
