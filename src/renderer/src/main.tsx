import { createRoot } from 'react-dom/client'
import { App } from './App'
import { getApi } from './transport/getApi'
import { startSubscriptions } from './store/subscriptions'
import { startNavigation } from './store/navigation'
import { loadInitialData } from './store/jobActions'
import { reportJobsStoppedWhileAway } from './store/stoppedWhileAway'
import './styles.css'
import { applyTheme, savedTheme } from './lib/theme'

applyTheme(savedTheme())

// Subscriptions first, so no event between the initial load and the first render is lost.
startSubscriptions(getApi())
startNavigation()
void loadInitialData()
void reportJobsStoppedWhileAway(getApi())

createRoot(document.getElementById('root') as HTMLElement).render(<App />)
