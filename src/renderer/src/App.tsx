// The shell: navigation, notices, and the current page.
import { useNavStore } from './store/navStore'
import { Notices } from './components/Notices'
import { LeaveDialog } from './components/LeaveDialog'
import { LiveAnnouncer } from './components/LiveAnnouncer'
import { ThemePicker } from './components/ThemePicker'
import { TranscribePage } from './pages/TranscribePage'
import { JobPage } from './pages/JobPage'
import { HistoryPage } from './pages/HistoryPage'
import { SettingsPage } from './pages/SettingsPage'
import type { PageName } from './lib/route'

const LINKS: { page: Exclude<PageName, 'job'>; label: string }[] = [
  { page: 'transcribe', label: 'Transcribe' },
  { page: 'history', label: 'History' },
  { page: 'settings', label: 'Settings' }
]

export function App(): React.JSX.Element {
  const route = useNavStore((s) => s.route)
  return (
    <div className="app">
      <nav className="topnav" aria-label="Pages">
        <span className="brand">Transcriptor</span>
        {LINKS.map((l) => (
          <a
            key={l.page}
            href={`#/${l.page}`}
            aria-current={route.page === l.page ? 'page' : undefined}
            data-testid={`nav-${l.page}`}
          >
            {l.label}
          </a>
        ))}
        {route.page === 'job' && <span className="crumb">Job #{route.id}</span>}
        <span className="spacer" />
        <ThemePicker />
      </nav>
      <Notices />
      <main>
        {route.page === 'transcribe' && <TranscribePage />}
        {route.page === 'job' && <JobPage key={route.id} id={route.id} />}
        {route.page === 'history' && <HistoryPage />}
        {route.page === 'settings' && <SettingsPage />}
      </main>
      <LeaveDialog />
      <LiveAnnouncer />
    </div>
  )
}
