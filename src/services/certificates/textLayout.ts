import bidiFactory from 'bidi-js'

import { faceCovers, faceForCluster, isEmojiFace, type FontFace, type FontWeight } from './fonts'

/** A fixed rectangle on the page (PDF points, y downwards as pdfkit draws). */
export type Box = { x: number; y: number; width: number; height: number }

export type FitOptions = {
  weight: FontWeight
  /** Preferred size; the text shrinks from here... */
  maxSize: number
  /** ...down to this size on one line, then wraps (largest size whose lines fit the height). */
  minSize: number
  /** Line pitch as a multiple of the font size. */
  leading?: number
  align?: 'center' | 'left'
}

/** Text drawn with one face at one bidi embedding level (odd = right-to-left). */
type Run = { text: string; face: FontFace; level: number }
type Cluster = Run
/** Text between two line-break opportunities, measured at 1 pt; `space` is its trailing space. */
type Unit = {
  clusters: Cluster[]
  runs: Run[]
  width: number
  space: Run | null
  spaceWidth: number
}

/** A run placed on the page: `x` from the box's left edge, `width` at the chosen size. */
export type PlacedRun = Run & { x: number; width: number }
export type TextLayout = {
  size: number
  /** Each line's runs in visual (left-to-right) order. */
  lines: PlacedRun[][]
  /** Distance between baselines. */
  pitch: number
  /** True when even the minimum size could not hold it all and the last line ends in "…". */
  truncated: boolean
}

const bidi = bidiFactory()
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' })
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{Extended_Pictographic}]/u
// Han and kana break between any two characters (no spaces in Chinese or Japanese)...
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
// ...except before closing and after opening punctuation.
const NO_BREAK_BEFORE = /^[、。，．！？：；）」』】〕〉》・ー々〻)\]}!?,.:;]/u
const NO_BREAK_AFTER = /[（「『【〔〈《([{]$/u

// Measured widths at 1 pt, per face and text: names repeat labels and common words.
const widths = new Map<string, number>()
function measure(run: Run): number {
  const key = `${run.face.name}\u0000${run.text}`
  let width = widths.get(key)
  if (width === undefined) {
    width = run.face.font.layout(run.text).advanceWidth / run.face.font.unitsPerEm
    if (widths.size > 20_000) widths.clear()
    widths.set(key, width)
  }
  return width
}

/** Groups consecutive clusters drawn with the same face at the same level into runs. */
function runsOf(clusters: Cluster[]): Run[] {
  const runs: Run[] = []
  for (const cluster of clusters) {
    const last = runs[runs.length - 1]
    if (last && last.face === cluster.face && last.level === cluster.level)
      last.text += cluster.text
    else runs.push({ ...cluster })
  }
  return runs
}

function makeUnit(clusters: Cluster[], space: Run | null = null): Unit {
  const runs = runsOf(clusters)
  return {
    clusters,
    runs,
    width: runs.reduce((sum, run) => sum + measure(run), 0),
    space,
    spaceWidth: space ? measure(space) : 0,
  }
}

/**
 * Splits text into grapheme clusters, each with the face that has its glyphs (spaces and
 * punctuation stay with the face before them) and its bidi level, then into breakable units.
 */
function itemize(text: string, weight: FontWeight): { units: Unit[]; baseLevel: number } {
  const { levels, paragraphs } = bidi.getEmbeddingLevels(text)
  const clusters: Cluster[] = []
  for (const { segment, index } of graphemes.segment(text)) {
    const previous = clusters[clusters.length - 1]
    const face =
      previous &&
      !LETTER_OR_DIGIT.test(segment) &&
      !isEmojiFace(previous.face) &&
      faceCovers(previous.face, segment)
        ? previous.face
        : faceForCluster(segment, weight)
    clusters.push({ text: segment, face, level: levels[index] })
  }

  const units: Unit[] = []
  let current: Cluster[] = []
  clusters.forEach((cluster, i) => {
    if (cluster.text === ' ') {
      if (current.length) units.push(makeUnit(current, cluster))
      current = []
      return
    }
    current.push(cluster)
    const next = clusters[i + 1]
    if (!next || next.text === ' ') return
    const cjkBreak =
      (CJK.test(cluster.text) || CJK.test(next.text)) &&
      !NO_BREAK_BEFORE.test(next.text) &&
      !NO_BREAK_AFTER.test(cluster.text)
    const hyphenBreak = /^[-‐–]$/u.test(cluster.text) && current.length > 1
    if (cjkBreak || hyphenBreak) {
      units.push(makeUnit(current))
      current = []
    }
  })
  if (current.length) units.push(makeUnit(current))
  return { units, baseLevel: paragraphs[0]?.level ?? 0 }
}

const EPSILON = 0.01

/**
 * Splits a unit too wide for any line into pieces that fit, at grapheme boundaries: widths are
 * summed per cluster (linear), then each piece is measured whole and trimmed if shaping made it wider.
 */
function splitUnit(unit: Unit, size: number, maxWidth: number): Unit[] {
  const pieces: Unit[] = []
  const rest = [...unit.clusters]
  while (rest.length) {
    let count = 0
    let width = 0
    while (count < rest.length) {
      width += measure(rest[count]) * size
      if (count > 0 && width > maxWidth + EPSILON) break
      count++
    }
    let piece = makeUnit(rest.slice(0, count))
    while (count > 1 && piece.width * size > maxWidth + EPSILON)
      piece = makeUnit(rest.slice(0, --count))
    rest.splice(0, count)
    pieces.push(rest.length ? piece : makeUnit(piece.clusters, unit.space))
  }
  return pieces
}

const lineWidth = (line: Unit[]) =>
  line.reduce((sum, unit, i) => sum + unit.width + (i < line.length - 1 ? unit.spaceWidth : 0), 0)

/** Greedy line breaking at `size` within `maxWidth`. */
function wrap(units: Unit[], size: number, maxWidth: number): Unit[][] {
  const lines: Unit[][] = []
  let line: Unit[] = []
  const queue = [...units]
  while (queue.length) {
    const unit = queue.shift()!
    if (!line.length) {
      if (unit.width * size <= maxWidth + EPSILON) line.push(unit)
      else {
        const pieces = splitUnit(unit, size, maxWidth)
        for (const piece of pieces.slice(0, -1)) lines.push([piece])
        line.push(pieces[pieces.length - 1])
      }
    } else if (
      (lineWidth(line) + line[line.length - 1].spaceWidth + unit.width) * size <=
      maxWidth + EPSILON
    ) {
      line.push(unit)
    } else {
      lines.push(line)
      line = []
      queue.unshift(unit)
    }
  }
  if (line.length) lines.push(line)
  return lines
}

/** The last line cut to fit with "…" after it (at the paragraph's end, whichever side that is). */
function ellipsize(
  line: Unit[],
  size: number,
  maxWidth: number,
  weight: FontWeight,
  level: number,
) {
  const ellipsis = makeUnit([{ text: '…', face: faceForCluster('…', weight), level }])
  const clusters = line.flatMap((unit, i) =>
    unit.space && i < line.length - 1 ? [...unit.clusters, unit.space] : unit.clusters,
  )
  while (clusters.length && (makeUnit(clusters).width + ellipsis.width) * size > maxWidth + EPSILON)
    clusters.pop()
  while (clusters.length && clusters[clusters.length - 1].text === ' ') clusters.pop()
  return clusters.length ? [makeUnit(clusters), ellipsis] : [ellipsis]
}

/** Runs of a line in visual order (Unicode bidi rule L2: reverse from the highest level down). */
function visualRuns(line: Unit[]): Run[] {
  const runs = runsOf(
    line.flatMap((unit, i) =>
      unit.space && i < line.length - 1 ? [...unit.runs, unit.space] : unit.runs,
    ),
  )
  const levels = runs.map((run) => run.level)
  const highest = Math.max(...levels)
  const lowestOdd = Math.min(...levels.filter((level) => level % 2 === 1), Infinity)
  for (let level = highest; level >= lowestOdd; level--) {
    for (let start = 0; start < runs.length; start++) {
      if (runs[start].level < level) continue
      let end = start
      while (end + 1 < runs.length && runs[end + 1].level >= level) end++
      runs.splice(start, end - start + 1, ...runs.slice(start, end + 1).reverse())
      start = end
    }
  }
  return runs
}

/**
 * Fits text into a box: one line, shrinking from maxSize to minSize; else wrapped at the largest
 * size whose lines fit the box's height; else at minSize with the lines that fit, the last one
 * ending in "…". Widths come from the fonts themselves (fontkit shaping, kerning, fallbacks).
 */
export function layoutText(text: string, box: Box, options: FitOptions): TextLayout {
  const leading = options.leading ?? 1.2
  const clean = text
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim()
  const { units, baseLevel } = itemize(clean, options.weight)
  const fitsHeight = (lines: number, size: number) => lines * size * leading <= box.height + EPSILON
  const sizes: number[] = []
  for (let size = options.maxSize; size > options.minSize; size -= 0.5) sizes.push(size)
  sizes.push(options.minSize)

  let chosen: { size: number; lines: Unit[][]; truncated: boolean } | null = null
  const oneLine = lineWidth(units)
  for (const size of sizes) {
    if (oneLine * size <= box.width + EPSILON && fitsHeight(1, size)) {
      chosen = { size, lines: [units], truncated: false }
      break
    }
  }
  if (!chosen) {
    for (const size of sizes) {
      const lines = wrap(units, size, box.width)
      if (fitsHeight(lines.length, size)) {
        chosen = { size, lines, truncated: false }
        break
      }
    }
  }
  if (!chosen) {
    const size = options.minSize
    const maxLines = Math.max(1, Math.floor((box.height + EPSILON) / (size * leading)))
    const lines = wrap(units, size, box.width).slice(0, maxLines)
    lines[maxLines - 1] = ellipsize(lines[maxLines - 1], size, box.width, options.weight, baseLevel)
    chosen = { size, lines, truncated: true }
  }

  const { size } = chosen
  const lines = chosen.lines.map((line) => {
    const runs = visualRuns(line).map((run) => ({ ...run, x: 0, width: measure(run) * size }))
    const total = runs.reduce((sum, run) => sum + run.width, 0)
    let x = options.align === 'left' ? 0 : (box.width - total) / 2
    for (const run of runs) {
      run.x = x
      x += run.width
    }
    return runs
  })
  return { size, lines, pitch: size * leading, truncated: chosen.truncated }
}

/** Draws a layout: the lines centred vertically in the box, baselines `pitch` apart. */
export function drawLayout(doc: PDFKit.PDFDocument, layout: TextLayout, box: Box, color: string) {
  const { size, pitch } = layout
  const top = box.y + (box.height - layout.lines.length * pitch) / 2
  layout.lines.forEach((runs, i) => {
    // The em box centred in the line's pitch, the baseline 0.8 em below the em's top.
    const baseline = top + i * pitch + (pitch - size) / 2 + size * 0.8
    for (const run of runs) {
      doc.registerFont(run.face.name, run.face.pdfFont)
      // features: [] makes pdfkit shape the whole run at once (it otherwise shapes word by word,
      // which puts right-to-left words in left-to-right order).
      doc
        .font(run.face.name)
        .fontSize(size)
        .fillColor(color)
        .text(run.text, box.x + run.x, baseline, {
          lineBreak: false,
          baseline: 'alphabetic',
          features: [],
        })
    }
  })
}

/** Lays out and draws text fitted to its box; returns the layout (its size, lines, truncation). */
export function fitText(
  doc: PDFKit.PDFDocument,
  text: string,
  box: Box,
  options: FitOptions & { color: string },
): TextLayout {
  const layout = layoutText(text, box, options)
  drawLayout(doc, layout, box, options.color)
  return layout
}
