/** The core's log: the one Logger every side of the app and the server use. */
export type { Logger } from '../../../shared/logger'
