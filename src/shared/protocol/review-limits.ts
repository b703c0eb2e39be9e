/** The bounds of a review, zod-free so the window can draw stars by them. */

/** The fewest and the most stars a client can give. */
export const RATING_RANGE = { min: 1, max: 5 } as const

/** How many of the latest reviewed sessions the average covers (and how many the trend compares with). */
export const REVIEW_WINDOW = 30
