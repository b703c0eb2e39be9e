import { describe, expect, it, vi } from 'vitest'
import { createDeepLinkInbox } from '../../../../../src/main/core/deep-links/deep-link-inbox'

const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() })

describe('the deep link inbox', () => {
  it('keeps a link that arrives before the app can show it, and opens it once it can', () => {
    const inbox = createDeepLinkInbox(logger())
    inbox.receive('standby://invite/inv_1', 'macOS')
    const open = vi.fn()
    inbox.openWith(open)
    expect(open.mock.calls).toEqual([[{ kind: 'invite', id: 'inv_1' }]])
  })

  it('opens only the last of the links that arrived early', () => {
    const inbox = createDeepLinkInbox(logger())
    inbox.receive('standby://invite/inv_1', 'macOS')
    inbox.receive('standby://session/ses_2', 'macOS')
    inbox.receive('standby://nonsense', 'macOS')
    const open = vi.fn()
    inbox.openWith(open)
    expect(open.mock.calls).toEqual([[{ kind: 'session', id: 'ses_2' }]])
  })

  it('opens each link at once when the app is up', () => {
    const inbox = createDeepLinkInbox(logger())
    const open = vi.fn()
    inbox.openWith(open)
    expect(open).not.toHaveBeenCalled()
    inbox.receive('standby://invite/inv_1', 'a second launch')
    inbox.receive('standby://invite/inv_1', 'a second launch')
    expect(open).toHaveBeenCalledTimes(2)
  })

  it('refuses a bad link with one escaped log line saying what to do, and opens nothing', () => {
    const log = logger()
    const inbox = createDeepLinkInbox(log)
    const open = vi.fn()
    inbox.openWith(open)
    inbox.receive('standby://invite/../session/x\n[error] forged', 'a second launch')
    expect(open).not.toHaveBeenCalled()
    expect(log.warn).toHaveBeenCalledOnce()
    const [line] = log.warn.mock.calls[0] as [string]
    expect(line).toContain(
      'Ignored a link from a second launch, "standby://invite/../session/x\\u{a}[error] forged"',
    )
    expect(line).toContain('open the invite from the app instead')
    expect(line).not.toContain('\n')
  })
})
