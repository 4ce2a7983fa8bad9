// Copy and save for text the user sees (the log). Both work without any host permission.
import { saveBlob } from './download'

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // Clipboard API refused (no focus / not permitted): fall back to a hidden textarea.
    const area = document.createElement('textarea')
    area.value = text
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.appendChild(area)
    area.select()
    const ok = document.execCommand('copy')
    area.remove()
    return ok
  }
}

export function downloadText(filename: string, text: string): void {
  saveBlob(filename, new Blob([text], { type: 'text/plain' }))
}
