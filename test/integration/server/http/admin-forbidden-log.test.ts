// An admin call refused as forbidden is logged as a caller turned away before its token was looked
// at only when it was: the operator's own call, with the right token from this machine, refused by
// an endpoint for what it asks (the clock of a platform on the real clock), is no such caller.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { MemoryLogger } from '../../../../server/src/logger'
import { startPlatformServer, type PlatformServer } from '../../../../server/src/platform-server'
import { adminFetch } from '../../../support/admin-api'

let dir: string | undefined
let server: PlatformServer | undefined

afterEach(async () => {
  await server?.close()
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
})

it('does not log the operator’s own call, refused for what it asks, as one whose token was not checked', async () => {
  dir = mkdtempSync(join(tmpdir(), 'standby-admin-forbidden-'))
  const logger = new MemoryLogger()
  // No clock given: the platform runs on the real one, which no admin call may move.
  server = await startPlatformServer({ port: 0, dbPath: join(dir, 'platform.db'), logger })
  const res = await adminFetch(server, 'POST', '/admin/clock/advance', { ms: 1 })
  expect(res.status).toBe(403)
  expect(await res.text()).toMatch(/--manual-clock/)
  expect(logger.lines.filter((line) => line.includes('request refused'))).toEqual([])
})
