// Import cycles, as lint rules. A cycle is two modules that can only be understood (and loaded)
// together; a folder cycle is two sibling folders that each reach into the other, so neither is
// a layer below the other any more. Both fail at the import that closes the loop, with the loop
// spelled out (tests/unit/lint/sizeAndCycles.test.ts proves they do).
//
// The graph is read from the files on disk once per lint run (TypeScript's import scanner, no
// type checking: a few milliseconds for all of src/); the file being linted is read from the
// editor's or ESLint's text, so a new import is judged before it is saved.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

const ROOT = import.meta.dirname
const ALIASES = { '@shared/': 'src/shared/', '@renderer/': 'src/renderer/src/' }
const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx']

/** The source file an import names, or null for a package or a file outside the repository. */
function resolveImport(from, specifier) {
  const alias = Object.keys(ALIASES).find((a) => specifier.startsWith(a))
  let base
  if (alias) base = join(ROOT, ALIASES[alias], specifier.slice(alias.length))
  else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier)
  else return null
  for (const ext of EXTENSIONS) {
    const candidate = base + ext
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return null
}

/** Every module `text` imports (values, types, re-exports and dynamic imports alike). */
function importsOf(file, text) {
  const { importedFiles } = ts.preProcessFile(text, true, true)
  const targets = importedFiles.map((f) => resolveImport(file, f.fileName)).filter(Boolean)
  return [...new Set(targets)]
}

let graph = null
/** file → the files it imports, for every .ts/.tsx file under src/, as it is on disk. */
function diskGraph() {
  if (graph) return graph
  graph = new Map()
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.tsx?$/.test(name)) graph.set(path, importsOf(path, readFileSync(path, 'utf8')))
    }
  }
  walk(join(ROOT, 'src'))
  return graph
}

/** Breadth-first path from `from` to `to` through `edges`, or null. */
function findPath(from, to, edges) {
  const parent = new Map([[from, null]])
  const queue = [from]
  while (queue.length > 0) {
    const node = queue.shift()
    if (node === to) {
      const path = []
      for (let n = node; n !== null; n = parent.get(n)) path.unshift(n)
      return path
    }
    for (const next of edges(node)) {
      if (parent.has(next)) continue
      parent.set(next, node)
      queue.push(next)
    }
  }
  return null
}

const rel = (file) => relative(ROOT, file).split(sep).join('/')

/** The import nodes of a file with the module each names (for reporting at the right line). */
function importVisitors(context, onImport) {
  const visit = (node) => {
    const source = node.source ?? node.argument
    if (source?.type === 'Literal' && typeof source.value === 'string') onImport(node, source.value)
  }
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
    TSImportType: visit
  }
}

const noImportCycle = {
  meta: { type: 'problem', schema: [], messages: { cycle: 'Import cycle: {{path}}.' } },
  create(context) {
    const file = context.filename
    const own = importsOf(file, context.sourceCode.text)
    const edges = (node) => (node === file ? own : (diskGraph().get(node) ?? []))
    return importVisitors(context, (node, specifier) => {
      const target = resolveImport(file, specifier)
      if (!target) return
      const back = target === file ? [file] : findPath(target, file, edges)
      if (!back) return
      const path = [file, ...back].map(rel).join(' → ')
      context.report({ node, messageId: 'cycle', data: { path } })
    })
  }
}

/**
 * For two files, the folder both sit in and the child folder of it each sits in; null when one
 * of them sits directly in that folder (a file beside the subfolders is not one of them).
 */
function siblingFolders(a, b) {
  const pa = relative(ROOT, a).split(sep)
  const pb = relative(ROOT, b).split(sep)
  let i = 0
  while (i < pa.length - 1 && i < pb.length - 1 && pa[i] === pb[i]) i++
  if (i >= pa.length - 1 || i >= pb.length - 1) return null
  return { parent: pa.slice(0, i).join('/'), from: pa[i], to: pb[i] }
}

let folderGraph = null
/** parent folder → child folder → child folder it imports from → the files that do, on disk. */
function diskFolderGraph() {
  if (folderGraph) return folderGraph
  folderGraph = new Map()
  for (const [source, targets] of diskGraph()) {
    for (const target of targets) {
      const p = siblingFolders(source, target)
      if (!p) continue
      if (!folderGraph.has(p.parent)) folderGraph.set(p.parent, new Map())
      const byFrom = folderGraph.get(p.parent)
      if (!byFrom.has(p.from)) byFrom.set(p.from, new Map())
      const byTo = byFrom.get(p.from)
      if (!byTo.has(p.to)) byTo.set(p.to, new Set())
      byTo.get(p.to).add(source)
    }
  }
  return folderGraph
}

const noFolderCycle = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      cycle: 'Folder cycle in {{parent}}: {{path}} (a file must move, or a shape move down).'
    }
  },
  create(context) {
    const file = context.filename
    const own = importsOf(file, context.sourceCode.text)
    return importVisitors(context, (node, specifier) => {
      const target = resolveImport(file, specifier)
      const pair = target && siblingFolders(file, target)
      if (!pair) return
      const onDisk = diskFolderGraph().get(pair.parent) ?? new Map()
      const ownTo = new Set(
        own
          .map((t) => siblingFolders(file, t))
          .filter((p) => p?.parent === pair.parent)
          .map((p) => p.to)
      )
      // Folder edges inside `parent`: every file's on disk but this one's, which is its text's.
      const edges = (folder) => {
        const to = [...(onDisk.get(folder) ?? new Map())]
          .filter(([, sources]) => [...sources].some((s) => s !== file))
          .map(([t]) => t)
        return folder === pair.from ? [...new Set([...to, ...ownTo])] : to
      }
      const back = findPath(pair.to, pair.from, edges)
      if (!back) return
      const path = [pair.from, ...back].map((f) => `${pair.parent}/${f}`).join(' → ')
      context.report({ node, messageId: 'cycle', data: { parent: pair.parent, path } })
    })
  }
}

export const cyclesPlugin = {
  rules: { 'no-import-cycle': noImportCycle, 'no-folder-cycle': noFolderCycle }
}
