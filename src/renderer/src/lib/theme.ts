// Light or dark: the OS decides unless the user picked one (remembered in this browser profile).
export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

const KEY = 'transcriptor.theme'

export function savedTheme(): Theme {
  try {
    const value = window.localStorage.getItem(KEY)
    return (THEMES as readonly string[]).includes(value ?? '') ? (value as Theme) : 'system'
  } catch {
    return 'system'
  }
}

export function applyTheme(theme: Theme): void {
  const root = document.documentElement
  if (theme === 'system') delete root.dataset.theme
  else root.dataset.theme = theme
  try {
    window.localStorage.setItem(KEY, theme)
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}
