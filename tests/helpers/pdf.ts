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
