/** Settings: availability, notifications, start-up, updates, the platform, sign out, the log folder. */
import { Fragment, useId, useRef, useState } from 'react'
import type { AppSettings } from '../../shared/ipc/contract'
import { fromCall } from '../logic/action-result'
import { useApi, useAppState, useNotifications, useServices } from '../store/context'
import { ActionButton, ActionError } from './ActionButton'
import { AvailabilityForm } from './AvailabilityForm'
import { HEALTH_HEADLINE } from './NotificationHealthBanner'
import { UpdatesSection } from './UpdatesSection'
import { LogFolderSettings } from './LogFolderSettings'
import { LoginItemProblem } from './LoginItemProblem'
import { useAction } from './use-action'

type Toggle = 'remindersEnabled' | 'soundEnabled' | 'launchAtLogin' | 'autoAwayEnabled'

const TOGGLES: ReadonlyArray<{ key: Toggle; label: string; hint: string | ((s: AppSettings) => string) }> = [
  {
    key: 'remindersEnabled',
    label: 'Reminder notifications',
    hint: '30 and 10 minutes before each scheduled session.',
  },
  { key: 'soundEnabled', label: 'Sound', hint: 'Play a sound with invite notifications.' },
  { key: 'launchAtLogin', label: 'Launch at login', hint: 'Start Standby in the tray when you log in.' },
  {
    key: 'autoAwayEnabled',
    label: 'Away when idle',
    hint: (s) =>
      `Away after ${s.autoAwayMinutes} min without input or when the screen locks; online again when you are back. Never changes an away or busy you chose.`,
  },
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
      <UpdatesSection />
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
        <Fragment key={key}>
          <label className="toggle">
            <input
              type="checkbox"
              role="switch"
              checked={shown[key]}
              onChange={(event) => void toggle(key, event.target.checked)}
            />
            <span className="toggle-text">
              <span>{label}</span>
              <span className="muted">{typeof hint === 'string' ? hint : hint(shown)}</span>
            </span>
          </label>
          {key === 'launchAtLogin' && <LoginItemProblem />}
        </Fragment>
      ))}
      <AutoAwayDelay minutes={settings.autoAwayMinutes} enabled={shown.autoAwayEnabled} />
      <ActionError message={error} />
      <NotificationCheck />
    </section>
  )
}

/** The minutes the auto-away choices offer; a value set elsewhere is offered too. */
const AUTO_AWAY_MINUTES: ReadonlyArray<number> = [5, 10, 15, 30, 60]

/**
 * How long without input counts as idle, from a short list: no half-typed number is ever saved.
 * Like the switches, the list shows the choice at once and stays usable while it is saved: a list
 * natively disabled under a keyboard's arrow keys would drop the focus to the page at each step.
 * Choices made while one is being saved are saved after it, the last one winning.
 */
function AutoAwayDelay({ minutes, enabled }: { readonly minutes: number; readonly enabled: boolean }) {
  const api = useApi()
  const { app } = useServices()
  const id = useId()
  // The expert's choice until the host has saved it (or refused it: then the saved one shows again).
  const [chosen, setChosen] = useState<number | null>(null)
  const wanted = useRef<number | null>(null)
  const saving = useRef(false)
  const save = useAction(async (next: number) => {
    const result = fromCall('save the idle time', await api.settings.update({ autoAwayMinutes: next }))
    if (result.ok) app.setSettings(result.value)
    return result
  })
  const choose = async (next: number): Promise<void> => {
    wanted.current = next
    setChosen(next)
    if (saving.current) return
    saving.current = true
    try {
      let sent: number | null = null
      while (wanted.current !== null && wanted.current !== sent) {
        sent = wanted.current
        const result = await save.run(sent)
        if (result?.ok !== true) break
      }
    } finally {
      saving.current = false
      wanted.current = null
      setChosen(null)
    }
  }
  const shownMinutes = chosen ?? minutes
  const options = AUTO_AWAY_MINUTES.includes(shownMinutes)
    ? AUTO_AWAY_MINUTES
    : [...AUTO_AWAY_MINUTES, shownMinutes].sort((a, b) => a - b)
  return (
    <div className="field">
      <label className="field-label" htmlFor={`${id}-minutes`}>
        Idle time before away
      </label>
      <select
        id={`${id}-minutes`}
        value={shownMinutes}
        disabled={!enabled}
        aria-busy={save.pending || undefined}
        onChange={(event) => void choose(Number(event.target.value))}
      >
        {options.map((value) => (
          <option key={value} value={value}>
            {value} min without input
          </option>
        ))}
      </select>
      <ActionError
        message={save.error === null ? null : `${save.error} The idle time is ${minutes} min again.`}
      />
    </div>
  )
}

/** Whether notifications reach the expert, and a test notification to see for oneself. */
function NotificationCheck() {
  const { notifications } = useServices()
  const { health } = useNotifications()
  const [sent, setSent] = useState(false)
  const test = useAction(async () => {
    const result = fromCall('send a test notification', await notifications.sendTest())
    setSent(result.ok)
    return result
  })
  return (
    <div className="notification-check">
      <p className="notification-health-line" role="status">
        {health.status === 'ok' ? (
          sent ? (
            'Test notification sent. If none appeared, allow Standby in the system’s notification settings.'
          ) : (
            'Notifications are on.'
          )
        ) : (
          <>
            <strong>{HEALTH_HEADLINE[health.status]}</strong> {health.advice}
          </>
        )}
      </p>
      <div className="actions">
        <ActionButton pending={test.pending} pendingLabel="Sending…" onClick={() => void test.run()}>
          Send a test notification
        </ActionButton>
      </div>
      <ActionError message={test.error} />
    </div>
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
