/**
 * Settings' troubleshooting group: where the log file is, and a button that opens its folder. The
 * browser shell cannot open a folder for a page, so there the answer is the path to open by hand.
 */
import { useEffect, useId, useState } from 'react'
import type { LogFolder } from '../../shared/ipc/host-schemas'
import { fromCall } from '../logic/action-result'
import { useApi } from '../store/context'
import { ActionButton, ActionError } from './ActionButton'
import { useAction } from './use-action'

/** The log folder's path and the "Open log folder" button. */
export function LogFolderSettings() {
  const api = useApi()
  const id = useId()
  const [folder, setFolder] = useState<LogFolder | null>(null)
  const [note, setNote] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    void api.logs.getFolder().then((result) => {
      if (live && result.ok) setFolder(result.value)
    })
    return () => {
      live = false
    }
  }, [api])
  const open = useAction(async () => {
    setNote(null)
    const result = fromCall('open the log folder', await api.logs.openFolder())
    if (result.ok) setFolder(result.value)
    if (result.ok && !result.value.opened) {
      setNote(
        result.value.path === null
          ? 'This host keeps no log file; its log is on the terminal that started it.'
          : `Open this folder in your file manager: ${result.value.path}`,
      )
    }
    return result
  })
  return (
    <section className="settings-group" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        Troubleshooting
      </h2>
      <LogFileFacts path={folder?.path ?? null} problem={folder?.problem ?? null} />
      <p className="muted">The log holds no passwords, tokens or messages; attach it to a bug report.</p>
      <div className="actions">
        <ActionButton pending={open.pending} pendingLabel="Opening…" onClick={() => void open.run()}>
          Open log folder
        </ActionButton>
      </div>
      {note !== null && (
        <p className="muted" role="status">
          {note}
        </p>
      )}
      <ActionError message={open.error} />
    </section>
  )
}

/**
 * Where the log is and, when the host cannot write it (a full disk, a read-only profile), why and
 * what to do: the run the expert is about to report is then missing from the folder named above.
 */
export function LogFileFacts({
  path,
  problem,
}: {
  readonly path: string | null
  readonly problem: string | null
}) {
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Log folder</dt>
          <dd className="mono">{path ?? 'No log file'}</dd>
        </div>
      </dl>
      {problem !== null && <p className="warning-text">{problem}</p>}
    </>
  )
}
