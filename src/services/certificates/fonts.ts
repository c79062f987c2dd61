import * as fontkit from 'fontkit'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

export type FontWeight = 'regular' | 'bold'

/**
 * One font file: `name` is what it is registered as in a PDF document, `font` measures,
 * `pdfFont` is what pdfkit embeds.
 */
export type FontFace = { name: string; font: fontkit.Font; pdfFont: string }

type FamilyId = 'dejavu' | 'arabic' | 'sc' | 'kr' | 'emoji'

/**
 * Where each family's files live. Resolved with Node's own module resolution from the project root
 * (the same node_modules the app and the worker load their packages from), so `npm run build`
 * output, the Docker image and the tests all find them; never relative to src/.
 */
const families: Record<FamilyId, { pkg: string; files: Record<FontWeight, string> }> = {
  // Latin Extended, Greek, Cyrillic, Hebrew and basic Arabic: covers most names on its own.
  dejavu: {
    pkg: 'dejavu-fonts-ttf',
    files: { regular: 'ttf/DejaVuSans.ttf', bold: 'ttf/DejaVuSans-Bold.ttf' },
  },
  // Noto Naskh Arabic: proper Arabic letterforms (fontkit applies the joining forms from its GSUB).
  arabic: {
    pkg: '@embedpdf/fonts-arabic',
    files: { regular: 'fonts/NotoNaskhArabic-Regular.ttf', bold: 'fonts/NotoNaskhArabic-Bold.ttf' },
  },
  // Noto Sans CJK SC: Chinese (simplified and traditional Han), Japanese kana.
  sc: {
    pkg: '@embedpdf/fonts-sc',
    files: { regular: 'fonts/NotoSansHans-Regular.otf', bold: 'fonts/NotoSansHans-Bold.otf' },
  },
  // Noto Sans KR: Hangul.
  kr: {
    pkg: '@embedpdf/fonts-kr',
    files: { regular: 'fonts/NotoSansKR-Regular.otf', bold: 'fonts/NotoSansKR-Bold.otf' },
  },
  // Noto Emoji (monochrome outlines: PDF text cannot carry colour bitmaps).
  emoji: {
    pkg: '@expo-google-fonts/noto-emoji',
    files: {
      regular: '400Regular/NotoEmoji_400Regular.ttf',
      bold: '700Bold/NotoEmoji_700Bold.ttf',
    },
  },
}

let requireFromRoot: NodeJS.Require | null = null

/** The installed package's folder (found through its main entry: some packages export nothing else). */
function packageDir(pkg: string): string {
  requireFromRoot ??= createRequire(path.join(process.cwd(), 'package.json'))
  let dir = path.dirname(
    requireFromRoot.resolve(pkg === 'dejavu-fonts-ttf' ? `${pkg}/package.json` : pkg),
  )
  // Walk up from the entry file (e.g. dist/index.cjs) to the package root.
  while (!dir.endsWith(path.join('node_modules', ...pkg.split('/')))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`cannot locate the folder of ${pkg}`)
    dir = parent
  }
  return dir
}

function fontFile(id: FamilyId, weight: FontWeight): string {
  const family = families[id]
  if (id === 'dejavu' && process.env.CERTIFICATE_FONT_DIR)
    return path.join(process.env.CERTIFICATE_FONT_DIR, path.basename(family.files[weight]))
  return path.join(packageDir(family.pkg), family.files[weight])
}

/**
 * The font as pdfkit should see it (pdfkit takes parsed fontkit fonts although its types only list
 * paths and buffers). Text extractors read a right-to-left run's glyphs in reverse and reverse each
 * glyph's characters too, so a ligature's characters (lam-alef, "الله") are listed reversed for
 * them to come out in logical order.
 */
function forPdf(font: fontkit.Font): string {
  const layout: fontkit.Font['layout'] = (text, features) => {
    const run = font.layout(text, features)
    if (run.direction === 'rtl')
      run.glyphs = run.glyphs.map((glyph) =>
        glyph.codePoints.length > 1
          ? Object.create(glyph, { codePoints: { value: [...glyph.codePoints].reverse() } })
          : glyph,
      )
    return run
  }
  return new Proxy(font, {
    get(target, property) {
      if (property === 'layout') return layout
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  }) as unknown as string
}

// Parsed once per process, and only when first needed: a Latin-only certificate never reads the
// 8 MB CJK files. Each PDF embeds only the subset of glyphs it uses.
const loaded = new Map<string, FontFace>()

export function fontFace(id: FamilyId, weight: FontWeight): FontFace {
  const name = `${id}-${weight}`
  let face = loaded.get(name)
  if (!face) {
    const font = fontkit.create(readFileSync(fontFile(id, weight))) as fontkit.Font
    face = { name, font, pdfFont: forPdf(font) }
    loaded.set(name, face)
  }
  return face
}

/** The primary face (DejaVu Sans), used for labels and as the fallback of last resort. */
export const primaryFace = (weight: FontWeight) => fontFace('dejavu', weight)

// Characters that never need a glyph of their own: joiners, variation selectors, bidi marks.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufe00-\ufe0f\u{e0020}-\u{e007f}]/u
const ARABIC = /[\p{Script=Arabic}]/u
const HANGUL = /\p{Script=Hangul}/u
const HAN_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u

/** Which families to try for a grapheme cluster, best first. */
function candidates(cluster: string): FamilyId[] {
  if (ARABIC.test(cluster)) return ['arabic', 'dejavu']
  if (EMOJI.test(cluster) && !/^[\d#*©®]/u.test(cluster)) return ['emoji', 'dejavu']
  if (HANGUL.test(cluster)) return ['kr', 'sc']
  if (HAN_KANA.test(cluster)) return ['sc', 'kr']
  return ['dejavu', 'sc', 'kr', 'arabic', 'emoji']
}

function covers(face: FontFace, cluster: string): boolean {
  for (const char of cluster) {
    if (INVISIBLE.test(char)) continue
    if (!face.font.hasGlyphForCodePoint(char.codePointAt(0)!)) return false
  }
  return true
}

/**
 * The face to draw a grapheme cluster with: the first family (in script order) whose font has
 * every glyph of it; DejaVu when none does (its .notdef box is at least visible).
 */
export function faceForCluster(cluster: string, weight: FontWeight): FontFace {
  for (const id of candidates(cluster)) {
    const face = fontFace(id, weight)
    if (covers(face, cluster)) return face
  }
  return primaryFace(weight)
}

/** Whether a face can draw the cluster (used to keep spaces and punctuation in the current run). */
export const faceCovers = covers

/** Emoji fonts have em-wide spaces: spaces and punctuation after an emoji take the primary face. */
export const isEmojiFace = (face: FontFace) => face.name.startsWith('emoji-')
