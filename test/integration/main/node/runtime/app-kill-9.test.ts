// kill -9 of the app itself (its core in a child process on its own cache file) while invites
// arrive, restarted on the same cache each time: every invite reaches the notifier, none twice.
import { describe, expect, it } from 'vitest'
import { useCleanup } from '../../../../support/cleanup'
import { seededRandom } from '../../../../support/mutation-fuzz'
import { useTempDirs } from '../../../../support/temp-dir'
import { startTestPlatform, type TestPlatform } from '../../../../support/test-platform'
import { cacheMarks, useAppStarts, type AppHome, type AppRun } from './app-process'

const INVITES = 1_000
const KILLS = 8
/** Each run starts a Node process that loads the whole core: seconds apiece on a busy machine. */
const RUNS_TIMEOUT_MS = 180_000

describe('the app killed with SIGKILL', () => {
  const defer = useCleanup()
  const tempDir = useTempDirs()
  const startApp = useAppStarts()
  /** A platform with one expert, and a fresh home for that expert's app. */
  const world = async (): Promise<{ platform: TestPlatform; expert: { id: string }; home: AppHome }> => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const home = {
      platformUrl: platform.server.url,
      token: expert.token,
      expertId: expert.id,
      dataDir: tempDir(),
    }
    return { platform, expert, home }
  }

  it('in the middle of showing a catch-up: the invites not shown yet are shown on the next start, each once', async () => {
    const { platform, expert, home } = await world()
    for (let i = 1; i <= 50; i++) platform.inviteDirectly(expert.id, `Waiting while the app is closed ${i}`)

    const crashed = startApp(home, 10)
    await crashed.ended
    expect(crashed.shown).toHaveLength(10)
    // Marked before showing, one by one: the crash took none of the forty not shown yet.
    expect(cacheMarks(home.dataDir).marked).toEqual(new Set(crashed.shown))

    const again = startApp(home)
    defer(() => again.kill())
    expect(await again.until(() => again.shown.length === 40, 'the other forty are shown')).toBe(true)
    expect(new Set([...crashed.shown, ...again.shown]).size).toBe(50)
  })

  it('right after a snapshot is in its cache, before any invite of it is shown: each is shown once on the next start', async () => {
    const { platform, expert, home } = await world()
    for (let i = 1; i <= 30; i++) platform.inviteDirectly(expert.id, `Open before the first start ${i}`)

    const crashed = startApp(home, 'after-snapshot')
    await crashed.ended
    expect(crashed.shown).toEqual([])
    const { cursor } = cacheMarks(home.dataDir)
    expect(cursor).toBe(platform.server.marketplace.events.latestId(expert.id))

    // New invites meanwhile: the next start replays them after the snapshot's cursor.
    for (let i = 1; i <= 5; i++) platform.inviteDirectly(expert.id, `Sent while the app was down ${i}`)
    const again = startApp(home)
    defer(() => again.kill())
    expect(await again.until(() => again.shown.length === 35, 'all thirty-five are shown')).toBe(true)
    expect(new Set(again.shown).size).toBe(35)
  })

  it('started while the platform is down: it waits, connects once the platform is back and shows each invite once', async () => {
    const { platform, expert, home } = await world()
    for (let i = 1; i <= 20; i++) platform.inviteDirectly(expert.id, `Waiting for the platform ${i}`)
    await platform.stopServer()

    const app = startApp(home)
    defer(() => app.kill())
    // Back once the app has found it down: its first attempt failed and it waits to try again.
    let back: Promise<void> | undefined
    app.onLine((line) => {
      if (back === undefined && (line === 'state offline' || line === 'state reconnecting'))
        back = platform.startServer()
    })
    expect(await app.until(() => app.shown.length === 20, 'the twenty are shown')).toBe(true)
    await back
    expect(new Set(app.shown).size).toBe(20)
  })

  it(
    `${KILLS} times at random points while 1,000 invites arrive: each invite is shown exactly once`,
    async () => {
      const { platform, expert, home } = await world()
      const rand = seededRandom(9)
      let created = 0
      const invite = (count: number): void => {
        for (let i = 0; i < count && created < INVITES; i++)
          platform.inviteDirectly(expert.id, `Invite ${++created}`)
      }
      const shown: string[] = []
      const lost: string[] = []
      const kills: string[] = []
      const platformInvites = (): string[] =>
        platform.server.marketplace.db
          .prepare('SELECT id FROM invites WHERE expert_id = ?')
          .pluck()
          .all(expert.id) as string[]
      // The invites no run has shown yet (nor lost in a crash), `app` counted.
      const pending = (app: AppRun): string[] => {
        const seen = new Set([...shown, ...lost, ...app.shown])
        return platformInvites().filter((id) => !seen.has(id))
      }
      for (let run = 0; run <= KILLS; run++) {
        const final = run === KILLS
        const burst = final ? INVITES : 40 + Math.floor(rand() * 100)
        // Some invites wait for the app's start (a catch-up), the rest arrive live once it is online.
        const waiting = Math.floor(rand() * burst)
        invite(waiting)
        const roll = final ? 1 : rand()
        const showAt = 1 + Math.floor(rand() * burst)
        const when =
          roll < 0.3
            ? `by itself after showing ${showAt}`
            : roll < 0.5
              ? 'as invites arrive'
              : roll < 0.65
                ? 'while connecting'
                : roll < 1
                  ? 'while showing'
                  : 'at the end'
        const marksBefore = cacheMarks(home.dataDir).marked
        const app = roll < 0.3 ? startApp(home, showAt) : startApp(home)
        defer(() => app.kill())
        let online = false
        app.onLine((line) => {
          if (line === 'state online' && !online) {
            online = true
            invite(burst - waiting)
            if (when === 'as invites arrive') app.kill()
          }
          if (line === 'state connecting' && when === 'while connecting') app.kill()
          if (line.startsWith('shown ') && when === 'while showing' && app.shown.length === 1) app.kill()
        })
        // A run whose moment never comes (nothing left to show) ends once it has shown everything.
        // Counted when the wait stalls, as every invite left to show then.
        const notYet = (): string => `every invite is shown (${pending(app).length} not yet)`
        if (await app.until(() => online && pending(app).length === 0, notYet)) app.kill()
        // Every run ends killed, by the test or by itself: one that stopped on its own is no crash
        // this test plays, and the invites it never showed would be blamed on the kills.
        const exit = await app.ended
        expect(exit, `run ${run} (to be killed ${when}) ended by itself`).toEqual({
          code: null,
          signal: 'SIGKILL',
        })
        kills.push(when)
        shown.push(...app.shown)
        // What a crash may lose: the one invite marked and not yet shown when it struck.
        const lostNow = [...cacheMarks(home.dataDir).marked].filter(
          (id) => !marksBefore.has(id) && !app.shown.includes(id),
        )
        expect(lostNow.length, `run ${run} (killed ${when}) lost ${lostNow.join(', ')}`).toBeLessThanOrEqual(
          1,
        )
        lost.push(...lostNow)
      }
      const all = platformInvites()
      expect(all).toHaveLength(INVITES)
      expect(shown.length).toBe(new Set(shown).size)
      expect(all.filter((id) => !shown.includes(id) && !lost.includes(id))).toEqual([])
      expect(cacheMarks(home.dataDir).cursor).toBe(platform.server.marketplace.events.latestId(expert.id))
      console.log(
        `app kill -9: killed ${kills.join('; ')}; ${INVITES} invites, each shown once, ${lost.length} lost in a crash`,
      )
    },
    RUNS_TIMEOUT_MS,
  )
})
