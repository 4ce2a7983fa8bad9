// The manual override of the OS's light/dark choice.
import { useState } from 'react'
import { THEMES, applyTheme, savedTheme, type Theme } from '../lib/theme'

const LABELS: Record<Theme, string> = { system: 'Theme: system', light: 'Light', dark: 'Dark' }

export function ThemePicker(): React.JSX.Element {
  const [theme, setTheme] = useState<Theme>(savedTheme)
  return (
    <select
      className="theme-picker"
      aria-label="Colour theme"
      value={theme}
      onChange={(e) => {
        const next = e.target.value as Theme
        setTheme(next)
        applyTheme(next)
      }}
      data-testid="theme-picker"
    >
      {THEMES.map((t) => (
        <option key={t} value={t}>
          {LABELS[t]}
        </option>
      ))}
    </select>
  )
}
