// Electron main entry (out/main/index.js).
import { startElectronApp } from './app'

startElectronApp()
