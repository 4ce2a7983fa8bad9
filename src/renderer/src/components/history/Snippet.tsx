// The transcript line that matched a History search, hits marked. The host sends plain text with
// \u0002…\u0003 around each hit (never HTML), so nothing from a transcript becomes markup.
const START = '\u0002'
const END = '\u0003'

export function Snippet({ text }: { text: string }): React.JSX.Element {
  const parts: React.ReactNode[] = []
  let rest = text
  let key = 0
  while (rest.length > 0) {
    const open = rest.indexOf(START)
    if (open < 0) {
      parts.push(rest)
      break
    }
    const close = rest.indexOf(END, open)
    parts.push(rest.slice(0, open))
    const hit = close < 0 ? rest.slice(open + 1) : rest.slice(open + 1, close)
    parts.push(<mark key={key++}>{hit}</mark>)
    rest = close < 0 ? '' : rest.slice(close + 1)
  }
  return <span className="snippet">{parts}</span>
}
