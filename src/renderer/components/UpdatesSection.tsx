/**
 * Settings → Updates: the version, the channel, the last check, the download's progress and the
 * one action that makes sense now (check, or restart to update), with why a ready update waits
 * and, when updating fails, a link to download Standby by hand. RestartToUpdate is also the
 * window's banner.
 */
import { useId, useState, type MouseEvent } from 'react'
import type { UpdateChannel, UpdateState } from '../../shared/update/update-state'
import { fromCall } from '../logic/action-result'
import { formatDayTime } from '../logic/format'
import { useApi, useServices, useUpdateState } from '../store/context'
import { ActionButton, ActionError } from './ActionButton'
import { Choice } from './Choice'
import { useAction } from './use-action'

/** The Updates group of Settings; nothing until the host has told the updater's state. */
export function UpdatesSection() {
  const state = useUpdateState()
  const id = useId()
  if (state === null) return null
  return (
    <section className="settings-group" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        Updates
      </h2>
      <dl className="facts">
        <div>
          <dt>Version</dt>
          <dd>{state.currentVersion}</dd>
        </div>
        <div>
          <dt>Last check</dt>
          <dd>{state.lastCheckAt === null ? 'Not yet' : formatDayTime(state.lastCheckAt)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span role="status">{phaseLine(state)}</span>
          </dd>
        </div>
      </dl>
      {state.phase === 'downloading' && (
        <progress
          className="update-progress"
          max={100}
          value={state.progress ?? 0}
          aria-label={`Downloading Standby ${state.availableVersion ?? ''}`}
        />
      )}
      {state.requiredVersion !== null && (
        <p className="action-error" role="alert">
          Update required: the platform needs Standby {state.requiredVersion} or newer.
        </p>
      )}
      {state.error !== null && <UpdateError state={state} />}
      {state.channelNote !== null && <p className="muted">{state.channelNote}</p>}
      <ChannelChoice channel={state.channel} />
      <UpdateAction state={state} />
    </section>
  )
}

function phaseLine(state: UpdateState): string {
  const version = state.availableVersion ?? ''
  switch (state.phase) {
    case 'idle':
      return 'Checks once Standby is connected.'
    case 'checking':
      return 'Checking for updates…'
    case 'up_to_date':
      return 'Standby is up to date.'
    case 'downloading':
      return `Downloading Standby ${version}… ${Math.round(state.progress ?? 0)} %`
    case 'ready':
      return state.canRestart
        ? `Standby ${version} is ready: restart to update, or it installs when you quit.`
        : `Standby ${version} is ready. ${state.restartHeldBecause ?? ''}`
    case 'error':
      return 'The last attempt failed.'
    case 'unavailable':
      return 'This copy of Standby does not update itself.'
  }
}

function UpdateError({ state }: { readonly state: UpdateState }) {
  const { api, inBrowser } = useServices()
  const opening = useAction(async () =>
    fromCall('open the download page', await api.shell.openExternal(state.manualDownloadUrl)),
  )
  const open = (event: MouseEvent<HTMLAnchorElement>): void => {
    // As with attachments: the app hands the link to the system browser; a browser opens the tab.
    if (!inBrowser) event.preventDefault()
    void opening.run()
  }
  return (
    <>
      <p className="action-error" role="alert">
        {state.error}{' '}
        <a href={state.manualDownloadUrl} target="_blank" rel="noopener noreferrer" onClick={open}>
          Download Standby
        </a>
      </p>
      <ActionError message={opening.error} />
    </>
  )
}

function ChannelChoice({ channel }: { readonly channel: UpdateChannel }) {
  const api = useApi()
  const { app } = useServices()
  const id = useId()
  // The expert's choice shows at once, as a radio does, while the app takes it in; it goes back
  // if the app refuses, and gives way once the update state names the channel.
  const [chosen, setChosen] = useState<{ next: UpdateChannel; over: UpdateChannel } | null>(null)
  const change = useAction(async (next: UpdateChannel) => {
    setChosen({ next, over: channel })
    const result = fromCall('change the update channel', await api.settings.update({ updateChannel: next }))
    if (result.ok) app.setSettings(result.value)
    else setChosen(null)
    return result
  })
  const shown = chosen !== null && chosen.over === channel ? chosen.next : channel
  return (
    <fieldset className="update-channel" aria-describedby={`${id}-hint`}>
      <legend>Channel</legend>
      <Choice
        name={`${id}-channel`}
        value="stable"
        checked={shown === 'stable'}
        onChoose={() => void change.run('stable')}
        title="Stable"
        hint="Tested releases."
      />
      <Choice
        name={`${id}-channel`}
        value="beta"
        checked={shown === 'beta'}
        onChoose={() => void change.run('beta')}
        title="Beta"
        hint="New features first."
      />
      <p id={`${id}-hint`} className="muted">
        Leaving the beta waits for the next stable release: Standby never installs an older version.
      </p>
      <ActionError message={change.error} />
    </fieldset>
  )
}

function UpdateAction({ state }: { readonly state: UpdateState }) {
  const api = useApi()
  const check = useAction(async () => fromCall('check for updates', await api.updates.check()))
  if (state.phase === 'ready') return <RestartToUpdate state={state} />
  if (state.phase === 'downloading' || state.phase === 'unavailable') return null
  return (
    <div className="actions">
      <ActionButton
        pending={check.pending || state.phase === 'checking'}
        pendingLabel="Checking…"
        onClick={() => void check.run()}
      >
        Check for updates
      </ActionButton>
      <ActionError message={check.error} />
    </div>
  )
}

/** "Restart to update" when it is safe, or why the ready update waits. */
export function RestartToUpdate({ state }: { readonly state: UpdateState }) {
  const api = useApi()
  const id = useId()
  const restart = useAction(async () => {
    const result = fromCall('restart to update', await api.updates.restart())
    if (!result.ok) return result
    return result.value.ok
      ? { ok: true as const, value: null }
      : { ok: false as const, message: result.value.message }
  })
  return (
    <div className="actions">
      <ActionButton
        variant="primary"
        pending={restart.pending}
        pendingLabel="Restarting…"
        disabled={!state.canRestart}
        describedBy={state.canRestart ? undefined : `${id}-held`}
        onClick={() => void restart.run()}
      >
        Restart to update
      </ActionButton>
      {!state.canRestart && (
        <p id={`${id}-held`} className="muted">
          {state.restartHeldBecause}
        </p>
      )}
      <ActionError message={restart.error} />
    </div>
  )
}

/** The window's line when an update is ready to install now, or required. */
export function UpdateBanner() {
  const state = useUpdateState()
  if (state === null || !(state.canRestart || state.requiredVersion !== null)) return null
  return (
    <div className="update-banner" role="region" aria-label="Update">
      <p>
        {state.requiredVersion !== null
          ? `Update required: the platform needs Standby ${state.requiredVersion} or newer.`
          : `Standby ${state.availableVersion ?? ''} is ready.`}
      </p>
      {state.phase === 'ready' && <RestartToUpdate state={state} />}
    </div>
  )
}
