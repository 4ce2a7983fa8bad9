// A tiny inline-SVG line chart with the latest value beside it.
import { sparklinePath } from '../lib/sparkline'

const WIDTH = 240
const HEIGHT = 48

export function Sparkline(props: {
  label: string
  values: number[]
  unit: string
  floor: number
  testId: string
  /** The last value is now (something runs); otherwise the figure reads "—". */
  current?: boolean
}): React.JSX.Element {
  const latest =
    props.values.length > 0 && props.current !== false
      ? props.values[props.values.length - 1]
      : null
  const d = sparklinePath(props.values, WIDTH, HEIGHT, { floor: props.floor })
  return (
    <figure className="sparkline" data-testid={props.testId}>
      <figcaption>
        {props.label}{' '}
        <strong data-testid={`${props.testId}-value`}>
          {latest === null ? '—' : `${latest.toFixed(1)} ${props.unit}`}
        </strong>
      </figcaption>
      <svg
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${props.label} over time`}
      >
        <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
    </figure>
  )
}
