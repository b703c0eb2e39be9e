/**
 * A settings switch moves under the click, before the host has answered, and a change the host
 * refuses rolls back with a sentence saying so. The page's IPC socket is routed through the test,
 * which holds the settings call until the test answers it.
 */
import { dirname } from 'node:path'
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { holdAnswer, routeIpc, watchAnswers, type RoutedSocket } from './support/ipc-route'
import { checkScreen } from './support/screens'
import { focusLandsOn, valueBecomes } from './support/waits'

const world = useE2e()

it('moves a switch at once, and rolls it back with an error when the host refuses the change', async () => {
  const { expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  let heldCall: (call: { id: number; request: unknown; socket: RoutedSocket }) => void = () => {}
  const held = new Promise<{ id: number; request: unknown; socket: RoutedSocket }>(
    (resolve) => (heldCall = resolve),
  )
  const app = await open(adaShell, {
    beforeLoad: routeIpc({
      fromPage: (call, socket) => {
        if (call.channel !== 'settings.update') return true
        heldCall({ id: call.id, request: call.request, socket })
        return false
      },
    }),
  })
  await app.getByRole('button', { name: 'Settings' }).click()
  const sound = app.getByRole('switch', { name: /Sound/ })
  await sound.uncheck()
  const call = await held
  expect(call.request).toEqual({ soundEnabled: false })
  expect(await sound.isChecked()).toBe(false)

  call.socket.toPage(
    JSON.stringify({
      id: call.id,
      result: { ok: false, error: { code: 'handler_failed', message: 'The settings file is read-only.' } },
    }),
  )
  await app
    .getByRole('alert')
    .getByText('Could not save the setting: the settings file is read-only. Sound is on again.')
    .waitFor()
  expect(await sound.isChecked()).toBe(true)
  expect(adaShell.shell.adapters.settings.get().soundEnabled).toBe(true)
  await checkScreen(app, 'settings-refused')
})

it('keeps the availability just set on screen while the change is on its way back from the platform', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  await adaShell.waitForConnection((state) => state.status === 'online')
  let holding = false
  const held: Array<{ message: string; socket: RoutedSocket }> = []
  const app = await open(adaShell, {
    beforeLoad: routeIpc({
      fromShell: (message, socket) => {
        if (!holding || message.event !== 'cache.changed') return true
        held.push({ message: JSON.stringify(message), socket })
        return false
      },
    }),
  })
  await app.getByRole('button', { name: 'Settings' }).click()
  const away = app.getByRole('radio', { name: /Away/ })
  await away.check()
  holding = true
  await app.getByRole('button', { name: 'Set availability' }).click()
  await app.getByText('You are away').waitFor()
  expect(platform.server.marketplace.store.expert(ada.id).availability).toBe('away')
  expect(await away.isChecked()).toBe(true)

  holding = false
  for (const { message, socket } of held.splice(0)) socket.toPage(message)
  await app.getByText('Now: Away').waitFor()
  expect(await away.isChecked()).toBe(true)
})

it('says why the expert is away after the screen locks, and keeps the idle time chosen', async () => {
  const { expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  await adaShell.waitForConnection((state) => state.status === 'online')
  const app = await open(adaShell)
  await app.getByRole('button', { name: 'Settings' }).click()
  adaShell.shell.adapters.power.lock()
  await app.getByText('Now: Away — screen locked').waitFor()
  adaShell.shell.adapters.power.unlock()
  await app.getByText('Now: Online').waitFor()

  await app.getByLabel('Idle time before away').selectOption({ label: '15 min without input' })
  await adaShell.waitForSettings((settings) => settings.autoAwayMinutes === 15)
  await app.getByRole('switch', { name: /Away when idle/ }).uncheck()
  expect(await app.getByLabel('Idle time before away').isDisabled()).toBe(true)
  await checkScreen(app, 'settings-presence')
})

it('shows where the log file is, and says which folder to open where the page cannot open it', async () => {
  const { expert, shell, open } = await world()
  const adaShell = await shell(expert('Ada Byron', ['react']))
  const app = await open(adaShell)
  await app.getByRole('button', { name: 'Settings' }).click()
  const folder = dirname(adaShell.shell.logPath)
  await app.getByText(folder, { exact: true }).waitFor()
  await app.getByRole('button', { name: 'Open log folder' }).click()
  await app.getByRole('status').getByText(`Open this folder in your file manager: ${folder}`).waitFor()
  await checkScreen(app, 'settings-log-folder')
})

it('says under Launch at login when nothing will start Standby at login, and what would, from the switch and on a new page', async () => {
  const { expert, shell, open } = await world()
  const adaShell = await shell(expert('Ada Byron', ['react']))
  const loginItem = watchAnswers('settings.getLoginItem')
  const app = await open(adaShell, { beforeLoad: loginItem.beforeLoad })
  const read = loginItem.next()
  await app.getByRole('button', { name: 'Settings' }).click()
  // The page shows what the host answers; before its answer, no line could pass for it.
  expect(await read).toEqual({ ok: true, value: { applied: true } })
  const problem = app.getByRole('status').getByText(/This browser window cannot start with your computer/)
  expect(await problem.count()).toBe(0)
  await app.getByRole('switch', { name: /Launch at login/ }).check()
  await problem.waitFor()
  await checkScreen(app, 'settings-login-item')

  // A page opened later reads it from the host.
  const again = await open(adaShell)
  await again.getByRole('button', { name: 'Settings' }).click()
  await again
    .getByRole('status')
    .getByText(/Install the Standby app to have it open in the tray/)
    .waitFor()

  await app.getByRole('switch', { name: /Launch at login/ }).uncheck()
  await problem.waitFor({ state: 'detached' })
})

it('shows the idle time chosen by keyboard at once, keeps the list focused while it is saved, and saves the last choice', async () => {
  const { expert, shell, open } = await world()
  const adaShell = await shell(expert('Ada Byron', ['react']))
  const hold = holdAnswer('settings.update')
  const app = await open(adaShell, { beforeLoad: hold.beforeLoad })
  await app.getByRole('button', { name: 'Settings' }).click()
  const list = app.getByLabel('Idle time before away')
  await list.waitFor()
  const values = await list
    .locator('option')
    .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))
  const at = values.indexOf(await list.inputValue())
  const [next, after] = [values[at + 1]!, values[at + 2]!]
  await list.focus()
  await list.press('ArrowDown')
  await hold.held
  // On its way: the list shows the choice, keeps the focus, and takes the next step.
  await valueBecomes(list, next)
  await focusLandsOn(list)
  expect(await list.isDisabled()).toBe(false)
  await list.press('ArrowDown')
  await valueBecomes(list, after)
  hold.release()
  await adaShell.waitForSettings((settings) => settings.autoAwayMinutes === Number(after))
  await valueBecomes(list, after)
  await focusLandsOn(list)
})
