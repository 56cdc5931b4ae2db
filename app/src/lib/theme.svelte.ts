// The colour theme: the system's (prefers-color-scheme) until the user picks one with the toggle; the
// choice is kept in localStorage and applied as <html data-theme>.
const KEY = 'schemaledger-theme'

type Theme = 'light' | 'dark'

const systemTheme = (): Theme => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')

function stored(): Theme | undefined {
  try {
    const value = localStorage.getItem(KEY)
    return value === 'light' || value === 'dark' ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * The theme state: `current` is what the page shows, `chosen` whether the user picked it.
 *
 * @example
 * ```ts
 * theme.toggle() // light <-> dark, remembered
 * ```
 */
class ThemeState {
  chosen = $state<Theme | undefined>(stored())
  system = $state<Theme>(systemTheme())
  current = $derived<Theme>(this.chosen ?? this.system)

  constructor() {
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      this.system = systemTheme()
    })
  }

  toggle(): void {
    this.chosen = this.current === 'dark' ? 'light' : 'dark'
    try {
      localStorage.setItem(KEY, this.chosen)
    } catch {
      // Private modes may refuse storage: the choice then lasts until reload.
    }
  }
}

/**
 * The page's theme.
 *
 * @example
 * ```ts
 * $effect(() => document.documentElement.dataset.theme = theme.current)
 * ```
 */
export const theme = new ThemeState()
