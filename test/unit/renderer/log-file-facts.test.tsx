import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { LogFileFacts } from '../../../src/renderer/components/LogFolderSettings'

describe('Settings’ log folder', () => {
  it('says why the log file cannot be written and what to do, under the folder it names', () => {
    const problem =
      'Standby cannot write its log file /home/ada/.config/Standby/logs/standby.log (no space left on device), so its entries go to the console only; it tries the file again every minute. Free some space on the disk that holds your profile.'
    const html = renderToStaticMarkup(
      <LogFileFacts path="/home/ada/.config/Standby/logs" problem={problem} />,
    )
    expect(html).toContain('/home/ada/.config/Standby/logs</dd>')
    expect(html).toContain(`<p class="warning-text">${problem}</p>`)
  })

  it('says nothing more while the file is written', () => {
    const html = renderToStaticMarkup(<LogFileFacts path="/logs" problem={null} />)
    expect(html).not.toContain('warning-text')
  })
})
