// A snapshot for the signed-in expert that holds another expert's sessions or messages: the
// platform's mistake, as an event about another expert is. Those rows stay out of the cache (no
// session of someone else in the tray, no reminder for it), with a log line naming them.
import { describe, expect, it } from 'vitest'
import { aMessage, aRequest, aSession } from '../../../support/fixtures'
import { snapshotThenNothing, startHostilePlatform } from '../../../support/hostile-platform'
import { recordingLog } from '../../../support/recording-log'
import { adaSettledOn } from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'

describe("a snapshot holding another expert's rows", () => {
  const defer = useCleanup()

  it("keeps the other expert's sessions and messages out of the cache, and logs which", async () => {
    const soon = Date.now() + 3_600_000
    const ours = aSession({
      id: 'ses_ada',
      request: aRequest({ id: 'req_ada', createdAt: Date.now() }),
      bookedStart: soon,
    })
    const theirs = aSession({
      id: 'ses_bob',
      request: aRequest({ id: 'req_bob', createdAt: Date.now() }),
      bookedStart: soon,
      expertId: 'exp_bob',
    })
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: 1 }),
      replay: snapshotThenNothing({
        sessions: [ours, theirs],
        recentMessages: [
          aMessage({ id: 'msg_ada', requestId: 'req_ada', sentAt: Date.now() }),
          aMessage({ id: 'msg_bob', requestId: 'req_bob', expertId: 'exp_bob', sentAt: Date.now() }),
        ],
      }),
    })
    const log = recordingLog()
    const core = await adaSettledOn(defer, platform, log)
    const cache = core.runtime.cache
    expect(cache.session('ses_ada')).not.toBeNull()
    expect(cache.session('ses_bob')).toBeNull()
    expect(cache.messages('req_ada').map((m) => m.id)).toEqual(['msg_ada'])
    expect(cache.messages('req_bob')).toEqual([])
    expect(log.text()).toMatch(/session ses_bob .*another expert \(exp_bob\)/)
    expect(log.text()).toMatch(/message msg_bob .*another expert \(exp_bob\)/)
  })
})
