// A file name that a narrow column may wrap only at natural points (after _ - . and spaces, before
// an opening bracket), never letter by letter; the full path is its title.
const NATURAL_BREAK = /(?<=[_\-.\s])|(?=[([])/u

export function FileName({ name }: { name: string }): React.JSX.Element {
  const parts = name.split(NATURAL_BREAK)
  return (
    <span className="file-name">
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 && <wbr />}
          {part}
        </span>
      ))}
    </span>
  )
}
