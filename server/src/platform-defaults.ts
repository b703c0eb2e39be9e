/**
 * The platform's defaults that its command line states before it loads the platform: kept apart
 * from the modules that use them, so that reading the options (or printing them for --help) does
 * not load the server, its database driver and the protocol first.
 */

/** The default port of the reference platform. */
export const DEFAULT_PLATFORM_PORT = 4455

/** The standing threshold unless the platform is told otherwise. */
export const DEFAULT_REVIEW_THRESHOLD = 4.0
