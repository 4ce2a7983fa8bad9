// The ModelManager (main process, not a job): what is installed in `<dataDir>/models`, downloads
// in flight with their progress, import of a file the user already has, delete. Leaving a page
// does not cancel a download: downloads belong to the manager, not to a client view.
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { DownloadProgress, InstalledModel, ModelKind, ModelListing } from '@shared/models'
import { checkGgmlHeader, GGML_HEADER_BYTES } from '../../engines/whisperWorker/ggmlFile'
import { openRegularFile } from '../../os/regularFile'
import {
  catalogModels,
  checkDownloadUrl,
  checkModelName,
  findCatalogModel,
  modelUrl,
  unknownModelMessage
} from './catalog'
import { downloadModel, removePart } from './download'
import { KIND_CATALOG, type KindCatalogModel } from './kindCatalog'
import {
  importKindModel,
  kindListing,
  kindModelPath,
  kindModelProblem,
  kindPullCheck,
  type OtherKind
} from './kindModels'
import type { DownloadTimeouts } from './httpGet'
import { oneLineError } from '@shared/errors'

export interface ModelManagerOptions {
  modelsDir: string
  /** The mirror to download from (setting / TRANSCRIPTOR_MODEL_BASE_URL / Hugging Face). */
  baseUrl: () => string
  onProgress?: (p: DownloadProgress) => void
  /** Connect and idle deadlines of every download (defaults in httpGet; tests shorten them). */
  timeouts?: DownloadTimeouts
  /** The rows of the other kinds (default KIND_CATALOG; a test points one at loopback). */
  kindCatalog?: readonly KindCatalogModel[]
}

interface Active {
  controller: AbortController
  progress: DownloadProgress
  done: Promise<string>
}

export const modelFileName = (name: string): string => `ggml-${name}.bin`

export class ModelManager {
  private readonly active = new Map<string, Active>()

  constructor(private readonly o: ModelManagerOptions) {}

  get modelsDir(): string {
    return this.o.modelsDir
  }

  pathOf(name: string): string {
    return join(this.o.modelsDir, modelFileName(checkModelName(name)))
  }

  async installed(): Promise<InstalledModel[]> {
    let files: string[]
    try {
      files = await readdir(this.o.modelsDir)
    } catch {
      return []
    }
    const models: InstalledModel[] = []
    for (const file of files.sort()) {
      const m = /^ggml-(.+)\.bin$/.exec(file)
      if (!m) continue
      const path = join(this.o.modelsDir, file)
      models.push({ name: m[1], path, bytes: (await stat(path)).size })
    }
    return models
  }

  async list(): Promise<ModelListing> {
    const installed = await this.installed()
    const byName = new Map(installed.map((m) => [m.name, m]))
    return {
      catalog: catalogModels().map((m) => ({
        ...m,
        installed: byName.get(m.name) ?? null,
        download: this.active.get(m.name)?.progress ?? null
      })),
      others: installed.filter((m) => !findCatalogModel(m.name)),
      kinds: await kindListing(this.o.modelsDir, this.kindCatalog, (name) => this.progressOf(name)),
      modelsDir: this.o.modelsDir,
      baseUrl: this.o.baseUrl()
    }
  }

  private get kindCatalog(): readonly KindCatalogModel[] {
    return this.o.kindCatalog ?? KIND_CATALOG
  }

  private progressOf(name: string): DownloadProgress | null {
    return this.active.get(name)?.progress ?? null
  }

  downloads(): DownloadProgress[] {
    return [...this.active.values()].map((a) => a.progress)
  }

  /** Starts (or joins) the download of a catalog model; resolves with its path. */
  pull(name: string): Promise<string> {
    const entry = findCatalogModel(name)
    if (entry)
      return this.start(name, modelUrl(this.o.baseUrl(), name), entry.sha1, entry.approxBytes)
    const other = this.kindCatalog.find((m) => m.name === name)
    if (!other) return Promise.reject(new Error(unknownModelMessage(name)))
    const check = kindPullCheck(other)
    if ('refused' in check) return Promise.reject(new Error(check.refused))
    return this.start(name, other.url, check.sha1, other.approxBytes, {
      dest: kindModelPath(this.o.modelsDir, other.kind, name),
      kind: other.kind
    })
  }

  /** A model from any http(s) URL, verified against the SHA-1 the user gives. */
  pullUrl(url: string, sha1: string, name: string): Promise<string> {
    try {
      checkDownloadUrl(url)
      checkModelName(name)
    } catch (err) {
      return Promise.reject(err)
    }
    if (!/^[0-9a-f]{40}$/i.test(sha1))
      return Promise.reject(new Error(`--sha1 must be 40 hex digits, got '${sha1}'`))
    return this.start(name, url, sha1.toLowerCase())
  }

  /** A download owned by the manager; `other`: a model of another kind, checked once verified. */
  private start(
    name: string,
    url: string,
    sha1: string,
    approxBytes?: number,
    other?: { dest: string; kind: OtherKind }
  ): Promise<string> {
    const running = this.active.get(name)
    if (running) return running.done
    const controller = new AbortController()
    const dest = other?.dest ?? this.pathOf(name)
    const progress: DownloadProgress = {
      name,
      receivedBytes: 0,
      totalBytes: approxBytes ?? null,
      bytesPerSecond: 0,
      etaSeconds: null,
      state: 'downloading',
      error: null
    }
    const report = (p: DownloadProgress): void => {
      Object.assign(progress, p)
      this.o.onProgress?.({ ...progress })
    }
    const done = (async () => {
      await mkdir(join(dest, '..'), { recursive: true })
      return downloadModel({
        name,
        url,
        dest,
        sha1,
        approxBytes,
        signal: controller.signal,
        onProgress: report,
        timeouts: this.o.timeouts,
        ...(other && { check: (path: string) => kindModelProblem(path, other.kind) })
      })
    })()
    const entry: Active = { controller, progress, done }
    this.active.set(name, entry)
    done.then(
      () => this.active.delete(name),
      (err: Error) => {
        this.active.delete(name)
        const cancelled = controller.signal.aborted
        report({
          ...progress,
          state: cancelled ? 'cancelled' : 'failed',
          error: cancelled ? null : err.message,
          etaSeconds: null
        })
      }
    )
    return done
  }

  /** Stops a download; its .part stays, so the next pull resumes. */
  cancel(name: string): boolean {
    const entry = this.active.get(name)
    if (!entry) return false
    entry.controller.abort()
    return true
  }

  /**
   * Copies a ggml file the user has into the models folder (validated first). The file is opened
   * once, non-blocking and checked to be a regular file: a named pipe or a device named here
   * must not hold the host's event loop (or a thread of its pool) until someone writes to it.
   */
  async importFile(
    path: string,
    name?: string,
    kind: ModelKind = 'whisper'
  ): Promise<InstalledModel> {
    if (kind !== 'whisper') return importKindModel(this.o.modelsDir, path, kind, name)
    const modelName = checkModelName(
      name ??
        basename(path)
          .replace(/^ggml-/, '')
          .replace(/\.bin$/, '')
    )
    const { handle, stats } = await openRegularFile(path)
    const dest = this.pathOf(modelName)
    const tmp = `${dest}.import`
    try {
      const header = Buffer.alloc(GGML_HEADER_BYTES)
      const { bytesRead } = await handle.read(header, 0, GGML_HEADER_BYTES, 0)
      const check = checkGgmlHeader(header.subarray(0, bytesRead), stats.size)
      if (!check.ok) throw new Error(`${basename(path)}: ${check.reason}`)
      await mkdir(this.o.modelsDir, { recursive: true })
      try {
        await pipeline(
          handle.createReadStream({ start: 0, autoClose: false }),
          createWriteStream(tmp)
        )
        await rename(tmp, dest)
      } catch (err) {
        await rm(tmp, { force: true })
        throw new Error(`cannot import ${path}: ${oneLineError(err)}`)
      }
    } finally {
      await handle.close()
    }
    return { name: modelName, path: dest, bytes: (await stat(dest)).size }
  }

  /** Deletes an installed model (and any partial download of it). */
  async remove(
    name: string,
    kind: ModelKind = 'whisper'
  ): Promise<{ removed: boolean; path: string }> {
    const dest =
      kind === 'whisper' ? this.pathOf(name) : kindModelPath(this.o.modelsDir, kind, name)
    const entry = this.active.get(name)
    if (entry) {
      entry.controller.abort()
      await entry.done.catch(() => undefined)
    }
    let removed = true
    try {
      await stat(dest)
    } catch {
      removed = false
    }
    await rm(dest, { force: true })
    await removePart(dest)
    if (!removed && !entry)
      throw new Error(`model '${name}' is not installed in ${this.o.modelsDir}`)
    return { removed, path: dest }
  }

  /** Cancels every download (app quit): their .part files stay for next time. */
  cancelAll(): void {
    for (const entry of this.active.values()) entry.controller.abort()
  }
}
