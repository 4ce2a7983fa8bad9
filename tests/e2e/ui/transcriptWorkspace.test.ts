// A finished job's page: it opens on the transcript, plays the recording, highlights the word
// being spoken, seeks on a click, saves a correction that then appears in the downloaded SRT,
// finds words; two jobs on files with the same name in one output folder keep both transcripts,
// and deleting one leaves the other intact. One browser, two short jobs running at once, for the
// whole file.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from '../../support/host'
import { distinctCopy } from '../../support/distinctCopy'
import {
  CLIP_LEISURE,
  CLIP_MARRIED,
  openUi,
  pickFiles,
  screenshot,
  waitForQueueStatus,
  type UiSession,
  downloadedBytes
} from './uiHarness'

let ui: UiSession
let first: number
let second: number
let outDir: string

/** Two sentences with a pause between them, so the transcript has several segments. */
function makeTwoSentences(dir: string): string {
  const padded = join(dir, 'padded.wav')
  const out = join(dir, 'interview.wav')
  execFileSync('sox', [CLIP_LEISURE, padded, 'pad', '0', '1.5'])
  execFileSync('sox', [padded, CLIP_MARRIED, out])
  return out
}

async function newJobId(known: Set<number>): Promise<number> {
  return waitFor(async () => {
    const jobs = await ui.client.call('jobs.list', {})
    return jobs.find((j) => !known.has(j.id))?.id
  }, 'the new job')
}

beforeAll(async () => {
  ui = await openUi()
  outDir = join(ui.scratch, 'shared-out')
  const settings = await ui.client.call('settings.get', {})
  // json unticked: the job page must still show the transcript. Both jobs run at once, so which
  // of them claims `interview` and which `interview (2)` is whichever finishes first.
  await ui.client.call('settings.set', {
    settings: {
      ...settings,
      formats: ['txt', 'srt'],
      outputDir: outDir,
      processes: 1,
      concurrentJobs: 2
    }
  })
  await ui.page.reload()
  await ui.page.getByTestId('drop-zone').waitFor()
  const audio = makeTwoSentences(ui.scratch)
  await pickFiles(ui.page, [audio])
  first = await newJobId(new Set())
  // The same name, its own content: a copy of the same bytes would wait for the first and be
  // linked to it (core/service/sameContent.ts) instead of running beside it.
  mkdirSync(join(ui.scratch, 'again'))
  await pickFiles(ui.page, [distinctCopy(audio, join(ui.scratch, 'again', 'interview.wav'), 1)])
  second = await newJobId(new Set([first]))
  await waitForQueueStatus(ui.page, first, 'completed')
  await waitForQueueStatus(ui.page, second, 'completed')
}, 300_000)

afterAll(async () => {
  await ui.close()
})

const mediaTime = (): Promise<number> =>
  ui.page.evaluate(
    'document.querySelector("[data-testid=player] audio").currentTime'
  ) as Promise<number>

describe('the transcript workspace', () => {
  it('opens on the transcript with the diagnostics folded away', async () => {
    const { page } = ui
    await page.locator(`[data-testid="queue-row-${first}"] a`).click()
    await page.getByTestId('transcript').waitFor()
    expect(await page.getByTestId('segment-0').count()).toBe(1)
    expect(await page.locator('[data-testid^="segment-text-"]').count()).toBeGreaterThan(1)
    expect(await page.getByTestId('log-viewer').isVisible()).toBe(false)
    expect((await page.getByTestId('transcript').innerText()).toLowerCase()).toMatch(
      /leisure|married|amiable/
    )
    await screenshot(page, '30-job-transcript')
  })

  it('plays the recording, highlights the word being spoken, and seeks on a click', async () => {
    const { page } = ui
    await page.getByTestId('player-rate').selectOption('1.5')
    await page.getByTestId('player-toggle').click()
    const spoken = page.getByTestId('current-word')
    await spoken.waitFor({ timeout: 15_000 })
    const word = await spoken.innerText()
    expect(word.length).toBeGreaterThan(0)
    await expect.poll(mediaTime).toBeGreaterThan(0.5)
    await page.getByTestId('player-toggle').click() // pause
    await screenshot(page, '31-job-playing')

    // Click the last segment: the player jumps to its start, and it becomes the current one.
    const segments = page.locator('[data-testid^="segment-text-"]')
    const last = (await segments.count()) - 1
    await page.getByTestId(`segment-text-${last}`).click()
    const target = await page.evaluate(
      `window.transcriptor.transcripts.get({ id: ${first} }).then((d) => d.transcript.segments[${last}].start)`
    )
    await expect.poll(mediaTime).toBeCloseTo(target as number, 1)
    await expect
      .poll(() => page.getByTestId(`segment-${last}`).getAttribute('data-current'))
      .toBe('true')
    // Shortcuts: J jumps back 5 s (not below 0).
    await page.locator('body').press('j')
    await expect.poll(mediaTime).toBeCloseTo(Math.max(0, (target as number) - 5), 1)
  })

  it('saves a correction (with undo), marks it edited; the files on disk and the downloaded SRT have it', async () => {
    const { page, client } = ui
    const correction = 'Mister John Dashwood had the leisure to consider it'
    await page.getByTestId('segment-text-0').dblclick()
    const editor = page.getByTestId('segment-editor-0')
    await editor.fill('a wrong correction')
    await editor.press('Enter')
    await page.getByTestId('undo-edit').click()
    expect(await page.getByTestId('segment-edited-0').count()).toBe(0)
    await page.getByTestId('segment-text-0').dblclick()
    await page.getByTestId('segment-editor-0').fill(correction)
    await page.getByTestId('segment-editor-0').press('Enter')
    await page.getByTestId('segment-edited-0').waitFor()
    await expect
      .poll(() => page.getByTestId('transcript-save-state').getAttribute('data-state'))
      .toBe('saved')
    expect(await page.getByTestId('transcript-save-state').innerText()).toMatch(/Edited · saved/)
    const stored = await client.call('transcripts.get', { id: first })
    expect(stored?.transcript.segments[0]?.text).toBe(correction)
    expect(stored?.editedAt).not.toBeNull()
    // The job's files on disk have it too.
    expect(await page.getByTestId('transcript-save-state').innerText()).toMatch(/files updated/)
    const row = await client.call('jobs.get', { id: first })
    const txt = (JSON.parse(row?.output_files ?? '{}') as Record<string, string>).txt
    expect(readFileSync(txt, 'utf8').replace(/\s+/g, ' ')).toContain(correction)
    // A file the user changed outside the app is left alone, and the page says so.
    const srtPath = (JSON.parse(row?.output_files ?? '{}') as Record<string, string>).srt
    writeFileSync(srtPath, 'subtitles fixed by hand\n')
    await page.getByTestId('segment-text-0').dblclick()
    await page.getByTestId('segment-editor-0').fill(`${correction} indeed`)
    await page.getByTestId('segment-editor-0').press('Enter')
    expect(basename(srtPath)).toMatch(/^interview( \(2\))?\.srt$/)
    await expect
      .poll(() => page.getByTestId('transcript-file-left').innerText())
      .toBe(`${basename(srtPath)} left as it is: changed outside Transcriptor`)
    expect(readFileSync(srtPath, 'utf8')).toBe('subtitles fixed by hand\n')
    expect(readFileSync(txt, 'utf8').replace(/\s+/g, ' ')).toContain(`${correction} indeed`)
    await screenshot(page, '32-job-edit-file-left')

    // A reload shows the saved edit.
    await page.reload()
    await page.getByTestId('segment-edited-0').waitFor()

    await page.getByTestId('export-format').selectOption('srt')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download').click()
    ])
    expect(download.suggestedFilename()).toBe('interview.srt')
    const srt = (await downloadedBytes(download)).toString('utf8')
    expect(srt.replace(/\n/g, ' ')).toContain(correction)
    for (const cue of srt.trim().split(/\n\n/)) {
      const lines = cue.split('\n').slice(2)
      expect(lines.length).toBeLessThanOrEqual(2)
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(42)
    }
    await screenshot(page, '32-job-edited')
  })

  it('finds words in the transcript and moves between matches', async () => {
    const { page } = ui
    await page.getByTestId('transcript-find').fill('LEISURE')
    await expect.poll(() => page.getByTestId('find-count').innerText()).toMatch(/^1 of \d+$/)
    expect((await page.getByTestId('find-current').innerText()).toLowerCase()).toBe('leisure')
    await page.getByTestId('transcript-find').fill('zzzz-nothing')
    await expect.poll(() => page.getByTestId('find-count').innerText()).toBe('no matches')
    await page.getByTestId('transcript-find').fill('')
  })

  it('two jobs on the same file name keep both transcripts; deleting one leaves the other', async () => {
    const { page, client } = ui
    const a = await client.call('jobs.get', { id: first })
    const b = await client.call('jobs.get', { id: second })
    const filesA = Object.values(JSON.parse(a?.output_files ?? '{}') as Record<string, string>)
    const filesB = Object.values(JSON.parse(b?.output_files ?? '{}') as Record<string, string>)
    expect([filesA.sort(), filesB.sort()].sort()).toEqual([
      [join(outDir, 'interview (2).srt'), join(outDir, 'interview (2).txt')],
      [join(outDir, 'interview.srt'), join(outDir, 'interview.txt')]
    ])
    const txtB = filesB.find((f) => f.endsWith('.txt')) ?? '<no txt>'
    const textB = readFileSync(txtB, 'utf8')
    expect(textB.length).toBeGreaterThan(10)

    await page.getByTestId('nav-history').click()
    // History finds both by a word of their transcripts, and shows the line it is in.
    await page.getByTestId('history-search').fill('respectable')
    await page.getByTestId(`history-snippet-${second}`).waitFor()
    expect(
      (await page.getByTestId(`history-snippet-${second}`).innerText()).toLowerCase()
    ).toContain('respectable')
    await page.getByTestId('history-search').fill('')
    await page.getByTestId(`delete-${first}`).click()
    await page.getByTestId('confirm-button').click()
    await page.getByTestId(`history-row-${first}`).waitFor({ state: 'detached' })
    expect(filesA.filter((f) => existsSync(f))).toEqual([])
    expect(filesB.every((f) => existsSync(f))).toBe(true)
    expect(readFileSync(txtB, 'utf8')).toBe(textB)

    await page.getByTestId(`history-row-${second}`).getByRole('button', { name: /open/i }).click()
    await page.getByTestId('transcript').waitFor()
    expect((await page.getByTestId('transcript').innerText()).length).toBeGreaterThan(10)
  })

  it('a recording moved away: the player says so, its controls are off, the transcript still works', async () => {
    const { page, client } = ui
    const input = (await client.call('jobs.get', { id: second }))?.original_path ?? ''
    const moved = `${input}.moved`
    renameSync(input, moved)
    try {
      await page.reload()
      await page.getByTestId('transcript').waitFor()
      const player = page.getByTestId('player')
      await player.getByText(/^Playback: .*(cannot be played|could not be)/).waitFor()
      expect(await page.getByTestId('player-toggle').isDisabled()).toBe(true)
      expect(await player.getByRole('slider', { name: 'Position' }).isDisabled()).toBe(true)
      // A click on a late segment moves the clock there; the length is unknown, not "0:00".
      const last = (await page.locator('[data-testid^="segment-text-"]').count()) - 1
      await page.getByTestId(`segment-text-${last}`).click()
      const start = (await page.evaluate(
        `window.transcriptor.transcripts.get({ id: ${second} }).then((d) => d.transcript.segments[${last}].start)`
      )) as number
      const at = `0:${String(Math.floor(start)).padStart(2, '0')}`
      await expect.poll(() => page.getByTestId('player-clock').innerText()).toBe(`${at} / –:––`)
      expect((await page.getByTestId('transcript').innerText()).length).toBeGreaterThan(10)
      await screenshot(page, '34-job-recording-missing')
    } finally {
      renameSync(moved, input)
    }
  })
})
