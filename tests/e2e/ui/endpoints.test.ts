// Settings → Endpoints in the real renderer against the real browser host and a loopback
// transcription server that requires a key: bad URLs are refused with a reason, an endpoint is
// added (key write-only, a timeout of its own), tested (reachable, authorised, model known) and removed. The key is in
// the 0600 secrets file while saved and nowhere else: not on the page, in the database, the host's
// output or the rows the renderer receives.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { spawnSttServer, type RunningSttServer } from '../../support/sttServers'
import { openUi, screenshot, type UiSession } from './uiHarness'

const KEY = 'sk-e2e-5a4b3c2d1e0f99887766'

let ui: UiSession | undefined
let server: RunningSttServer | undefined
afterEach(async () => {
  await ui?.close()
  await server?.stop()
  ui = undefined
  server = undefined
})

function dataDirBytes(dir: string): string {
  let text = ''
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name !== 'secrets.json')
      text += readFileSync(join(entry.parentPath, entry.name)).toString('latin1')
  }
  return text
}

describe('Settings → Endpoints', () => {
  it('refuses bad URLs, adds, tests and removes an endpoint; the key stays in the secret file', async () => {
    server = await spawnSttServer({ apiKey: KEY })
    ui = await openUi()
    const { page, host, client } = ui
    await page.getByTestId('nav-settings').click()
    const url = page.getByTestId('endpoint-url')
    await url.fill('ftp://127.0.0.1/whisper')
    await expect.poll(() => page.getByTestId('error-endpoint-url').innerText()).toMatch(/only http/)
    await url.fill('http://user:secret@127.0.0.1:9000')
    await expect
      .poll(() => page.getByTestId('error-endpoint-url').innerText())
      .toMatch(/credentials/)
    expect(await page.getByTestId('endpoint-add').isDisabled()).toBe(true)

    // Without a key: added, and Test says it is not authorised.
    await url.fill(`${server.url}/v1`)
    await page.getByTestId('endpoint-model').fill('pocketsphinx')
    await page.getByTestId('endpoint-add').click()
    await page.getByTestId('endpoint-row').first().waitFor()
    expect(await page.getByTestId('endpoint-row').first().innerText()).toMatch(
      /300 s per request \(default\)/
    )
    await page.getByTestId('endpoint-row').first().getByTestId('endpoint-test').click()
    await expect
      .poll(() => page.getByTestId('endpoint-check').first().innerText(), { timeout: 20_000 })
      .toMatch(/Problem: .*not authorised \(HTTP 401\)/)
    await page.getByTestId('endpoint-row').first().getByTestId('endpoint-remove').click()
    await expect.poll(() => page.getByTestId('endpoint-row').count()).toBe(0)

    // With the key: added, key stored, Test passes.
    await url.fill(`${server.url}/v1`)
    await page.getByTestId('endpoint-model').fill('pocketsphinx')
    await page.getByTestId('endpoint-concurrency').fill('2')
    const timeout = page.getByTestId('endpoint-timeout')
    await timeout.fill('90.5')
    await expect
      .poll(() => page.getByTestId('error-endpoint-timeout').innerText())
      .toMatch(/whole seconds from 1 to 86400/)
    expect(await page.getByTestId('endpoint-add').isDisabled()).toBe(true)
    await timeout.fill('900')
    await page.getByTestId('endpoint-key').fill(KEY)
    await page.getByTestId('endpoint-add').click()
    const row = page.getByTestId('endpoint-row').first()
    await expect
      .poll(() => row.innerText())
      .toMatch(/model pocketsphinx · 2 at once · 900 s per request · key stored/)
    expect(await page.getByTestId('endpoint-key').inputValue()).toBe('')
    await row.getByTestId('endpoint-test').click()
    await expect
      .poll(() => row.getByTestId('endpoint-check').innerText(), { timeout: 20_000 })
      .toMatch(/OK: .*reachable, authorised, model 'pocketsphinx' available/)
    await screenshot(page, 'settings-endpoints')

    // The key: in the 0600 secrets file only.
    const secrets = join(host.dataDir, 'secrets.json')
    expect(statSync(secrets).mode & 0o777).toBe(0o600)
    expect(readFileSync(secrets, 'utf8')).toContain(KEY)
    expect(await page.content()).not.toContain(KEY)
    expect(dataDirBytes(host.dataDir)).not.toContain(KEY)
    expect(host.output()).not.toContain(KEY)
    expect(JSON.stringify(await client.call('endpoints.list', {}))).not.toContain(KEY)

    await row.getByTestId('endpoint-remove').click()
    await expect.poll(() => page.getByTestId('endpoint-row').count()).toBe(0)
    expect(existsSync(secrets) ? readFileSync(secrets, 'utf8') : '').not.toContain(KEY)
    await screenshot(page, 'settings-endpoints-removed')
  })
})
