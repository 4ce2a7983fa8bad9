// Electron main entry (placeholder until the Electron shell lands).
export {}
