import { describe, expect, it } from 'vitest'
import { clientExecArgv } from '../../../bench/client-fleet'

describe('clientExecArgv', () => {
  // A young generation tried for the servers' process must not change the clients' collections,
  // which both sides' rounds meet: the comparison would move with the clients, not the servers.
  it('keeps the loader flags and drops the young generation sizes given to the servers', () => {
    expect(
      clientExecArgv([
        '--require',
        '/x/preflight.cjs',
        '--max-semi-space-size=64',
        '--import',
        'file:///x/loader.mjs',
        '--min_semi_space_size=64',
        '--expose-gc',
      ]),
    ).toEqual(['--require', '/x/preflight.cjs', '--import', 'file:///x/loader.mjs', '--expose-gc'])
  })
})
