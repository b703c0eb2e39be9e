/** The reasons an expert may give for declining, zod-free so the window can list them. */

/** Every reason, in the order the card offers them. */
export const DECLINE_REASONS = ['not_my_topic', 'no_time', 'unclear_request', 'other'] as const
