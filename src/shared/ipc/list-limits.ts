/**
 * How long the lists the window shows are: the host reads them this long, and a page that merges
 * a pushed change into them keeps them this long. Apart from contract.ts so the renderer's bundle
 * does not carry zod to learn two numbers.
 */

/**
 * How many open invites the window lists, newest first (the tray counts them all): more than any
 * expert gets at once, so only a platform flooding the expert reaches it, and the window and each
 * answer stay small however many it sends.
 */
export const OPEN_INVITES_LISTED = 100

/** How many missed invites the window lists. */
export const MISSED_INVITES_LISTED = 50

/** How many upcoming sessions the window lists. */
export const UPCOMING_SESSIONS_LISTED = 200

/** How many past sessions with an invite's client the invite card names. */
export const PAST_SESSIONS_WITH_CLIENT_LISTED = 3

/**
 * How many past sessions one page of History reads, and the most a page may ask for: a row carries
 * its request whole (a description may be long), so a page of many costs the host's thread more
 * the larger it is, and the window never asks for more.
 */
export const HISTORY_PAGE_ROWS = 200

/**
 * How many bytes of sessions, as the cache stores them, one page of History carries at most: a
 * page stops before the row that would pass it and says more follow, so a History of long
 * descriptions comes in more, smaller pages rather than one answer of megabytes. A page always
 * carries its first row whole, however large: the longest session the entity rules allow is longer
 * than this, and comes alone in its page.
 */
export const HISTORY_PAGE_BYTES = 512 * 1024

/**
 * How many past sessions one answer to a History search for symbols (emoji, punctuation searched
 * alone, words written without spaces) reads at most: such a search reads each row's text, so one
 * found nowhere would read all of History in one answer; the answer says where it stopped and the
 * window asks on from there.
 */
export const HISTORY_SEARCH_ROWS = 2_000

/** How many clients History's client filter offers. */
export const HISTORY_CLIENTS_LISTED = 1_000

/** How many of a thread's latest messages the window shows: a thread read from the cache is bounded. */
export const THREAD_MESSAGES_LISTED = 500

/** How many threads with unread messages the host tells the pages about at once. */
export const UNREAD_THREADS_LISTED = 1_000
