import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'

import { primaryFace } from './fonts'
import { fitText, type Box } from './textLayout'

export type CertificateContent = {
  studentName: string
  courseTitle: string
  educatorName?: string | null
  issuedAt: Date
  verificationCode: string
  verifyUrl: string
}

/**
 * DejaVu Sans regular and bold as pdfkit font sources; the analytics PDF export uses them too.
 */
export function loadFonts() {
  return {
    regular: primaryFace('regular').pdfFont,
    bold: primaryFace('bold').pdfFont,
  }
}

/** The QR code as vector squares: crisp at any zoom and much cheaper than encoding a PNG. */
function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const quiet = 2
  const cell = size / (modules.size + quiet * 2)
  doc.rect(x, y, size, size).fill('#ffffff')
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col))
        doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell)
    }
  }
  doc.fill('#000000')
}

const INK = '#1f2a44'
const ACCENT = '#c8553d'
const MUTED = '#5b6475'

/** An A4-landscape certificate with embedded fonts and a QR code of the public verify URL. */
export async function renderCertificatePdf(content: CertificateContent): Promise<Buffer> {
  const { regular, bold } = loadFonts()
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    font: regular,
    info: {
      Title: `Certificate — ${content.courseTitle}`,
      Author: 'The Ready Lab',
      Subject: `Verification code ${content.verificationCode}`,
    },
  })
  doc.registerFont('regular', regular)
  doc.registerFont('bold', bold)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const { width, height } = doc.page
  doc
    .rect(24, 24, width - 48, height - 48)
    .lineWidth(3)
    .stroke(INK)
  doc
    .rect(34, 34, width - 68, height - 68)
    .lineWidth(1)
    .stroke(ACCENT)

  const center = (text: string, y: number, font: string, size: number, color = INK) =>
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, 60, y, { width: width - 120, align: 'center' })

  center('THE READY LAB', 70, 'bold', 14, ACCENT)
  center('Certificate of Completion', 100, 'bold', 34)
  // Names, titles and educators come from users: each is fitted to a fixed box (shrunk, then
  // wrapped, then cut with "…") in fonts that have its glyphs, so nothing runs into the next line.
  const box = (y: number, boxHeight: number): Box => ({
    x: 70,
    y,
    width: width - 140,
    height: boxHeight,
  })
  center('This certifies that', 165, 'regular', 14, MUTED)
  fitText(doc, content.studentName, box(188, 62), {
    weight: 'bold',
    maxSize: 30,
    minSize: 14,
    color: INK,
  })
  center('has successfully completed the course', 256, 'regular', 14, MUTED)
  fitText(doc, content.courseTitle, box(278, 56), {
    weight: 'bold',
    maxSize: 22,
    minSize: 11,
    color: INK,
  })
  if (content.educatorName)
    fitText(doc, `taught by ${content.educatorName}`, box(338, 24), {
      weight: 'regular',
      maxSize: 13,
      minSize: 9,
      color: MUTED,
    })

  const issued = content.issuedAt.toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  })
  doc.font('regular').fontSize(12).fillColor(INK)
  doc.text(`Issued ${issued}`, 80, height - 140)
  doc.text(`Verification code: ${content.verificationCode}`, 80, height - 120)
  doc
    .fontSize(9)
    .fillColor(MUTED)
    .text(content.verifyUrl, 80, height - 100, { width: width - 340 })

  drawQrCode(doc, content.verifyUrl, width - 200, height - 210, 120)
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text('Scan to verify', width - 200, height - 85, {
      width: 120,
      align: 'center',
    })
  doc.end()
  return done
}
