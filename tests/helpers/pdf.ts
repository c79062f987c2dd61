import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import jsQR from 'jsqr'
import sharp from 'sharp'

/** qpdf's structural check of a PDF (throws with qpdf's report when it is not valid). */
export function checkPdf(pdf: Buffer) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'readylab-pdf-'))
  try {
    writeFileSync(path.join(dir, 'in.pdf'), pdf)
    execFileSync('qpdf', ['--check', 'in.pdf'], { cwd: dir })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Text of a PDF, extracted by poppler's pdftotext. */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8')
}

/** Renders the first page with pdftoppm and decodes the QR code on it. */
export async function pdfQrCode(pdf: Buffer): Promise<string | null> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'readylab-pdf-'))
  try {
    writeFileSync(path.join(dir, 'in.pdf'), pdf)
    execFileSync(
      'pdftoppm',
      ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', 'in.pdf', 'page'],
      {
        cwd: dir,
      },
    )
    const { data, info } = await sharp(readFileSync(path.join(dir, 'page.png')))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
    return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export type PdfWord = { text: string; xMin: number; yMin: number; xMax: number; yMax: number }
export type PdfPage = { width: number; height: number; words: PdfWord[] }

const decodeEntities = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
    if (entity[0] !== '#') return named[entity.toLowerCase()]
    return String.fromCodePoint(
      entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)),
    )
  })

/**
 * The words of a PDF's first page with their boxes (PDF points, y downwards), from poppler's
 * `pdftotext -bbox`. Right-to-left words come out in visual order (their characters reversed).
 */
export function pdfWords(pdf: Buffer): PdfPage {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', '-', '-'], {
    input: pdf,
  }).toString('utf8')
  const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html)
  if (!page) throw new Error('pdftotext -bbox found no page')
  const words = [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map(([, xMin, yMin, xMax, yMax, text]) => ({
    text: decodeEntities(text),
    xMin: Number(xMin),
    yMin: Number(yMin),
    xMax: Number(xMax),
    yMax: Number(yMax),
  }))
  return { width: Number(page[1]), height: Number(page[2]), words }
}

/** Names of the fonts embedded in a PDF (poppler's pdffonts), without their subset prefixes. */
export function pdfFonts(pdf: Buffer): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'readylab-pdf-'))
  try {
    writeFileSync(path.join(dir, 'in.pdf'), pdf)
    const table = execFileSync('pdffonts', ['in.pdf'], { cwd: dir }).toString('utf8')
    return table
      .split('\n')
      .slice(2)
      .map((row) => row.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, ''))
      .filter(Boolean)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
