/** Sign-in through the form: errors that say what went wrong, then the signed-in window. */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { checkScreen } from './support/screens'

const world = useE2e()

it('says what went wrong (wrong password, http to another computer, unreachable platform), then signs in', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const page = await open(await shell())
  await page.getByRole('heading', { name: 'Sign in to Standby' }).waitFor()
  const url = page.getByRole('textbox', { name: 'Platform address' })
  expect(await url.inputValue()).toBe(platform.server.url)

  await page.getByRole('textbox', { name: 'Email' }).fill(ada.email)
  await page.getByLabel('Password').fill('not-the-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('alert').getByText('Wrong email or password.').waitFor()
  await checkScreen(page, 'sign-in')

  // Plain http to another computer is refused before anything is sent, saying what to type.
  await url.fill('http://platform.example.com')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page
    .getByRole('alert')
    .getByText(/use https:\/\/platform\.example\.com \(http:\/\/ is allowed only for this computer/)
    .waitFor()

  await url.fill('http://127.0.0.1:4')
  await page.getByLabel('Password').fill(ada.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page
    .getByRole('alert')
    .getByText(/Could not reach http:\/\/127\.0\.0\.1:4/)
    .waitFor()

  await url.fill(platform.server.url)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Invites', level: 1 }).waitFor()
  await page.getByRole('region', { name: 'Connection' }).getByText('Online', { exact: true }).waitFor()

  // Settings shows the platform signed in to, and signing out returns to the form.
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByText(platform.server.url, { exact: true }).waitFor()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByRole('heading', { name: 'Sign in to Standby' }).waitFor()
})
