// The log viewer's toolbar: search, only matching lines, how many lines (and matches), resume
// following, and copy or save the lines shown.
import { useState } from 'react'
import { copyText, downloadText } from '../lib/clipboard'
import type { LogLines } from '../hooks/useLogLines'
import type { FollowTail } from '../hooks/useFollowTail'
import { SearchBox } from './SearchBox'

export function LogToolbar(props: {
  jobId: number
  lines: LogLines
  tail: FollowTail
}): React.JSX.Element {
  const { lines, tail } = props
  const { ring, matches, count } = lines
  const [copied, setCopied] = useState<string | null>(null)
  const shownText = (): string => {
    const shown: string[] = []
    for (let i = 0; i < count; i++) shown.push(lines.lineAt(i))
    return shown.join('\n')
  }
  const onCopy = async (): Promise<void> => {
    const ok = await copyText(shownText())
    setCopied(ok ? `Copied ${count} lines` : 'Copy failed: the browser refused clipboard access')
  }
  return (
    <>
      <div className="log-toolbar">
        <SearchBox
          label="Search the log"
          placeholder="Search the log"
          value={lines.query}
          onChange={lines.setQuery}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={lines.onlyMatches}
            onChange={(e) => lines.setOnlyMatches(e.target.checked)}
          />
          only matching lines
        </label>
        <span className="muted" data-testid="log-count">
          {lines.loading
            ? 'loading…'
            : matches
              ? `${matches.length} of ${ring.size} lines match`
              : `${ring.size} lines`}
          {ring.dropped > 0 && ` (${ring.dropped} older lines not kept)`}
        </span>
        <span className="spacer" />
        {!tail.following && (
          <button onClick={tail.follow} data-testid="resume-follow">
            Resume following
          </button>
        )}
        <button onClick={() => void onCopy()}>Copy</button>
        <button onClick={() => downloadText(`transcribe_job_${props.jobId}.log`, shownText())}>
          Save
        </button>
      </div>
      {copied && (
        <div className="muted small" role="status">
          {copied}
        </div>
      )}
    </>
  )
}
