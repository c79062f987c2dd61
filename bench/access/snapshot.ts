// The tree a benchmark measures, copied into its own folder: the working tree (or `--ref <rev>`,
// with the benchmark's own folders taken from the current checkout), with node_modules hard-linked
// once per lockfile. Shared by bench/access and bench/analytics.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'

export const git = (root: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })

/** A commit's subject, shortened for a results header. */
export function subject(root: string, rev: string) {
  const s = git(root, 'log', '-1', '--format=%s', rev).trim()
  return s.length > 90 ? `${s.slice(0, 87)}…` : s
}

/** HEAD and how many files of the working tree differ from it, `own` folders left out. */
export function describeHead(root: string, own: string[]) {
  const head = git(root, 'rev-parse', 'HEAD').trim()
  const dirty = git(root, 'status', '--porcelain', '--', '.', ...own.map((d) => `:!${d}`))
    .split('\n')
    .filter(Boolean).length
  return (
    `\`${head.slice(0, 12)}\` (${subject(root, head)})` +
    (dirty ? ` plus uncommitted changes in ${dirty} file(s) of the working tree` : '')
  )
}

/**
 * Copies the tree to measure into appDir and returns how to describe it. `own`: the benchmark's
 * folders (relative to root), always taken from the current checkout and left out of the count of
 * uncommitted changes. `stampDir` keeps the lockfile hash the node_modules copy was made for.
 */
export function snapshot({
  root,
  appDir,
  stampDir,
  ref,
  own,
}: {
  root: string
  appDir: string
  stampDir: string
  ref?: string
  own: string[]
}): string {
  mkdirSync(appDir, { recursive: true })
  for (const entry of readdirSync(appDir))
    if (entry !== 'node_modules' && entry !== '.next')
      rmSync(path.join(appDir, entry), { recursive: true, force: true })

  let described: string
  if (ref) {
    const sha = git(root, 'rev-parse', '--verify', `${ref}^{commit}`).trim()
    execFileSync('sh', ['-c', `git archive ${sha} | tar -x -C "${appDir}"`], { cwd: root })
    // The generator and the runner always come from the current checkout.
    for (const dir of own) cpSync(path.join(root, dir), path.join(appDir, dir), { recursive: true })
    described = `\`${sha.slice(0, 12)}\` (${subject(root, sha)}) — built from \`--ref ${ref}\``
  } else {
    const files = git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard')
      .split('\0')
      .filter(Boolean)
    for (const file of files) {
      const from = path.join(root, file)
      if (!existsSync(from)) continue // deleted in the working tree
      mkdirSync(path.dirname(path.join(appDir, file)), { recursive: true })
      cpSync(from, path.join(appDir, file))
    }
    described = describeHead(root, own)
  }

  const lock = readFileSync(path.join(root, 'package-lock.json'))
  const stamp = createHash('sha1').update(lock).digest('hex')
  const stampFile = path.join(stampDir, 'node_modules.stamp')
  const linked = path.join(appDir, 'node_modules')
  if (!existsSync(linked) || !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
    rmSync(linked, { recursive: true, force: true })
    try {
      // Hard links: instant, no extra space, and real directories for Turbopack.
      execFileSync('cp', ['-al', path.join(root, 'node_modules'), linked])
    } catch {
      symlinkSync(path.join(root, 'node_modules'), linked, 'dir')
    }
    writeFileSync(stampFile, stamp)
  }
  return described
}
