/**
 * Sign in: platform address, email, password. The host checks the address is a Standby platform
 * before sending the password, and answers with a sentence that says what went wrong (wrong
 * password, platform unreachable, not a Standby platform), which is shown as it is.
 */
import { useId, useState, type FormEvent } from 'react'
import { failedCall } from '../logic/action-result'
import { useApi, useAppState, useServices } from '../store/context'
import { ActionButton } from './ActionButton'
import { useAction } from './use-action'

/** The sign-in form. */
export function SignInForm() {
  const api = useApi()
  const { app } = useServices()
  const { info, settings } = useAppState()
  const id = useId()
  const suggested = settings?.platformUrl ?? info?.defaultPlatformUrl ?? ''
  const [platformUrl, setPlatformUrl] = useState<string | null>(null)
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const signIn = useAction(async (request: { platformUrl: string; email: string; password: string }) => {
    const result = await api.auth.signIn(request)
    if (!result.ok) return { ok: false, message: failedCall('sign in', result.error) }
    if (!result.value.ok) return { ok: false, message: result.value.message }
    await Promise.all([app.refreshSettings(), app.refreshLists()])
    return { ok: true, value: result.value.expert }
  })

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    void signIn.run({ platformUrl: platformUrl ?? suggested, email, password })
  }

  return (
    <main className="sign-in-page">
      <form className="sign-in" onSubmit={onSubmit} aria-labelledby={`${id}-title`} noValidate>
        <h1 id={`${id}-title`} className="sign-in-title">
          Sign in to Standby
        </h1>
        <p className="muted">Use the account you have on your help platform.</p>
        <label className="field" htmlFor={`${id}-url`}>
          <span className="field-label">Platform address</span>
          <input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            autoComplete="url"
            placeholder="https://platform.example.com"
            value={platformUrl ?? suggested}
            onChange={(event) => setPlatformUrl(event.target.value)}
            required
          />
        </label>
        <label className="field" htmlFor={`${id}-email`}>
          <span className="field-label">Email</span>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
          />
        </label>
        <label className="field" htmlFor={`${id}-password`}>
          <span className="field-label">Password</span>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        {signIn.error !== null && (
          <p className="action-error" role="alert">
            {signIn.error}
          </p>
        )}
        <ActionButton
          type="submit"
          variant="primary"
          className="button-wide"
          pending={signIn.pending}
          pendingLabel="Signing in…"
          disabled={email.trim() === '' || password === ''}
        >
          Sign in
        </ActionButton>
      </form>
    </main>
  )
}
