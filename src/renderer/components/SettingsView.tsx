/** Settings: availability, notifications, start-up, the platform, sign out, the log folder. */
import { useId, useState } from 'react'
import type { AppSettings } from '../../shared/ipc/contract'
import { fromCall } from '../logic/action-result'
import { useApi, useAppState, useServices } from '../store/context'
import { ActionButton, ActionError } from './ActionButton'
import { AvailabilityForm } from './AvailabilityForm'
import { LogFolderSettings } from './LogFolderSettings'
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
      <LogFolderSettings />
      {info !== null && (
        <p className="muted about">
          Standby {info.version} · protocol {info.protocolVersion}
        </p>
      )}
    </div>
  )
}

/**
 * Each switch moves at once, before the host has answered: a control that waited for the round
 * trip would snap back under the click (the host's answer arrives later). A refused change rolls
 * back with a sentence saying so.
 */
function Toggles({ settings }: { readonly settings: AppSettings }) {
  const api = useApi()
  const { app } = useServices()
  const id = useId()
  // What the expert switched and the host has not yet confirmed, shown over the saved settings.
  const [unsaved, setUnsaved] = useState<Partial<Pick<AppSettings, Toggle>>>({})
  const [error, setError] = useState<string | null>(null)
  const shown = { ...settings, ...unsaved }

  async function toggle(key: Toggle, on: boolean): Promise<void> {
    setError(null)
    setUnsaved((before) => ({ ...before, [key]: on }))
    const result = fromCall('save the setting', await api.settings.update({ [key]: on }))
    if (result.ok) app.setSettings(result.value)
    else setError(`${result.message} ${labelOf(key)} is ${on ? 'off' : 'on'} again.`)
    // Only this change's own mark: a later click on the same switch keeps its own.
    setUnsaved(({ [key]: mine, ...others }) =>
      mine === on || mine === undefined ? others : { ...others, [key]: mine },
    )
  }

  return (
    <section className="settings-group" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        Notifications and start-up
      </h2>
      {TOGGLES.map(({ key, label, hint }) => (
        <label key={key} className="toggle">
          <input
            type="checkbox"
            role="switch"
            checked={shown[key]}
            onChange={(event) => void toggle(key, event.target.checked)}
          />
          <span className="toggle-text">
            <span>{label}</span>
            <span className="muted">{hint}</span>
          </span>
        </label>
      ))}
      <ActionError message={error} />
    </section>
  )
}

function labelOf(key: Toggle): string {
  return TOGGLES.find((toggle) => toggle.key === key)?.label ?? key
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
