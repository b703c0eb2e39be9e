/** Settings: availability, notifications, start-up, the platform, sign out. */
import { useId } from 'react'
import type { AppSettings } from '../../shared/ipc/contract'
import { fromCall } from '../logic/action-result'
import { useApi, useAppState, useServices } from '../store/context'
import { ActionButton, ActionError } from './ActionButton'
import { AvailabilityForm } from './AvailabilityForm'
import { useAction } from './use-action'

type Toggle = 'remindersEnabled' | 'soundEnabled' | 'launchAtLogin'

const TOGGLES: ReadonlyArray<{ key: Toggle; label: string; hint: string }> = [
  {
    key: 'remindersEnabled',
    label: 'Reminder notifications',
    hint: '30 and 10 minutes before each scheduled session.',
  },
  { key: 'soundEnabled', label: 'Sound', hint: 'Play a sound with invite notifications.' },
  { key: 'launchAtLogin', label: 'Launch at login', hint: 'Start Standby in the tray when you log in.' },
]

/** The Settings section. */
export function SettingsView() {
  const { expert, settings, info } = useAppState()
  return (
    <div className="view">
      <header className="view-header">
        <h1 className="view-title">Settings</h1>
      </header>
      {expert !== null && <AvailabilityForm expert={expert} />}
      {settings !== null && <Toggles settings={settings} />}
      <Account platformUrl={settings?.platformUrl ?? info?.defaultPlatformUrl ?? null} />
      {info !== null && (
        <p className="muted about">
          Standby {info.version} · protocol {info.protocolVersion}
        </p>
      )}
    </div>
  )
}

function Toggles({ settings }: { readonly settings: AppSettings }) {
  const api = useApi()
  const { app } = useServices()
  const id = useId()
  const save = useAction(async (patch: Partial<AppSettings>) => {
    const result = fromCall('save the setting', await api.settings.update(patch))
    if (result.ok) app.setSettings(result.value)
    return result
  })
  return (
    <section className="settings-group" aria-labelledby={`${id}-title`} aria-busy={save.pending}>
      <h2 id={`${id}-title`} className="section-title">
        Notifications and start-up
      </h2>
      {TOGGLES.map(({ key, label, hint }) => (
        <label key={key} className="toggle">
          <input
            type="checkbox"
            role="switch"
            checked={settings[key]}
            disabled={save.pending}
            onChange={(event) => void save.run({ [key]: event.target.checked })}
          />
          <span className="toggle-text">
            <span>{label}</span>
            <span className="muted">{hint}</span>
          </span>
        </label>
      ))}
      <ActionError message={save.error} />
    </section>
  )
}

function Account({ platformUrl }: { readonly platformUrl: string | null }) {
  const api = useApi()
  const { app } = useServices()
  const id = useId()
  const signOut = useAction(async () => {
    const result = fromCall('sign out', await api.auth.signOut())
    if (result.ok) await app.refreshLists()
    return result
  })
  const { expert } = useAppState()
  return (
    <section className="settings-group" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        Platform
      </h2>
      <dl className="facts">
        <div>
          <dt>Address</dt>
          <dd className="mono">{platformUrl ?? 'Not set'}</dd>
        </div>
        {expert !== null && (
          <div>
            <dt>Signed in as</dt>
            <dd>
              {expert.name} <span className="muted">({expert.email})</span>
            </dd>
          </div>
        )}
      </dl>
      <p className="muted">To use another platform, sign out and sign in there.</p>
      <div className="actions">
        <ActionButton
          variant="danger"
          pending={signOut.pending}
          pendingLabel="Signing out…"
          onClick={() => void signOut.run()}
        >
          Sign out
        </ActionButton>
      </div>
      <ActionError message={signOut.error} />
    </section>
  )
}
