// The live connection goes where the expert signed in: a platform served under a path (behind a
// proxy at https://host/standby) has its socket.io under that path too, not at the host's root.
import { describe, expect, it } from 'vitest'
import { startCoreWithPlatform } from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'

describe('the socket.io transport', () => {
  const defer = useCleanup()

  it('goes online with a platform served under a path, rather than retrying at the host’s root', async () => {
    const { core } = await startCoreWithPlatform(defer, { underPath: '/standby' })
    const state = await core.waitForState((s) => s.status !== 'connecting')
    expect(state).toMatchObject({ status: 'online' })
  })
})
