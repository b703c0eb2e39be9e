/**
 * The deep link targets over spies (focus, notice, notification, window, log), signed in, caught
 * up, holding every link and running unless a test overrides it: what the targets' tests start from.
 */
import { vi } from 'vitest'
import { deepLinkTargets, type DeepLinkTargetDeps } from '../../src/main/core/deep-links/deep-link-targets'
import { ManualClock } from '../../src/shared/clock'

/** The targets and the spies they report to. */
export function spiedLinkTargets(overrides: Partial<DeepLinkTargetDeps> = {}) {
  const deps = {
    focus: vi.fn<DeepLinkTargetDeps['focus']>(),
    notice: vi.fn<DeepLinkTargetDeps['notice']>(),
    notifier: { show: vi.fn<DeepLinkTargetDeps['notifier']['show']>() },
    showWindow: vi.fn(),
    log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  }
  const all: DeepLinkTargetDeps = {
    live: () => true,
    signedIn: () => true,
    holds: () => true,
    caughtUp: () => true,
    signedOut: () => false,
    clock: new ManualClock(0),
    ...deps,
    ...overrides,
  }
  return { deps, targets: deepLinkTargets(all) }
}
