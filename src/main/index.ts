// Electron main entry (out/main/index.js).
import { startElectronApp } from './electron/app'

startElectronApp()
