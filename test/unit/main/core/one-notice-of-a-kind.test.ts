import { describe, expect, it } from 'vitest'
import { oneNoticeOfAKind } from '../../../../src/main/core/one-notice-of-a-kind'
import { createRecordingNotifier } from '../../../../src/main/node/adapters/recording-notifier'

const refused = { kind: 'notice', title: 'Join failed', body: 'The platform refused it.' } as const

describe('notices told again', () => {
  it('keep one of a kind on screen, the newest, beside notices of other kinds', () => {
    const recording = createRecordingNotifier()
    const notifier = oneNoticeOfAKind(recording)
    for (let n = 0; n < 50; n++) notifier.show(refused)
    notifier.show({ ...refused, body: 'The invite was taken.' })
    notifier.show({ ...refused, title: 'Decline failed' })
    expect(recording.noticesOnScreen.map((notice) => [notice.title, notice.body])).toEqual([
      ['Join failed', 'The invite was taken.'],
      ['Decline failed', 'The platform refused it.'],
    ])
  })

  it('leave a notice about a condition to its own id, so it can still be withdrawn by it', () => {
    const recording = createRecordingNotifier()
    const notifier = oneNoticeOfAKind(recording)
    notifier.show({ ...refused, noticeId: 'catch-up' })
    notifier.show({ kind: 'notice_withdrawn', noticeId: 'catch-up', title: 'Caught up', body: '' })
    expect(recording.noticesOnScreen).toEqual([])
  })
})
