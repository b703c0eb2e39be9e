/**
 * When the core bench's child may say it is done with an invite: once its event loop has turned
 * again, not at the end of the turn that showed the notification.
 *
 * The invite's work can leave work posted to the loop, which runs in the loop's next turn: above
 * all V8's young-generation collection, which V8 schedules as a task once the invite's allocations
 * have filled most of the young generation. An expert's invites come seconds apart, so that
 * collection runs in the quiet after the invite that scheduled it. Told at the end of the turn,
 * the bench sent its next invite at once, and that invite met the collection: nearly every
 * scheduled collection of the core landed in the next round, each making one of the slowest.
 */

/**
 * Plain JavaScript, so the fan-out bench's clients (fanout-clients.mjs, run by bare `node`) tell
 * their deliveries the same way when the core bench asks them to.
 */

/**
 * Call `report` in the loop's next turn, after whatever was posted to the loop before it.
 * @param {() => void} report
 * @returns {void}
 */
export function afterLoopTurn(report) {
  // An immediate set from an immediate runs in the next turn's check phase, after that turn's
  // poll phase has run the tasks posted to the loop (V8's among them, through libuv).
  setImmediate(() => setImmediate(report))
}
