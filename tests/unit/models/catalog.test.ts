// A custom model catalog (TRANSCRIPTOR_MODEL_CATALOG): a bad line is refused with the file and
// line number that holds it, and what is wrong with it; good catalogs parse as before.
import { describe, expect, it } from 'vitest'
import { parseCatalog } from '../../../src/main/core/models/catalog'

const SHA = 'bd577a113a864445d4c299885e0cb97d4ba92b5f'

describe('custom catalog', () => {
  it('parses good lines, skipping comments, blanks and the header', () => {
    const models = parseCatalog(
      `# mine\nname\tsize\tsha1\n\nfine.en\t75 MiB\t${SHA.toUpperCase()}\n`
    )
    expect(models).toMatchObject([
      { name: 'fine.en', approxBytes: 75 * 1024 * 1024, sha1: SHA, englishOnly: true }
    ])
  })

  it.each([
    [`tiny\t75 MB\t${SHA}`, "bad size '75 MB' (want e.g. 75 MiB)"],
    ['tiny\t75 MiB', 'want 3 tab-separated columns (name, size, sha1), got 2'],
    ['tiny 75 MiB ' + SHA, 'want 3 tab-separated columns (name, size, sha1), got 1'],
    [`tiny\t75 MiB\t${SHA}\textra`, 'want 3 tab-separated columns (name, size, sha1), got 4'],
    ['tiny\t75 MiB\tnot-a-sha', "bad SHA-1 'not-a-sha' (want 40 hex digits)"],
    [`../evil\t75 MiB\t${SHA}`, "bad model name '../evil'"]
  ])('names the line of %j', (bad, why) => {
    const tsv = `name\tsize\tsha1\nbase\t142 MiB\t${SHA}\n${bad}\n`
    expect(() => parseCatalog(tsv, '/srv/catalog.tsv')).toThrow(`/srv/catalog.tsv:3: ${why}`)
  })
})
