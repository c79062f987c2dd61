import { describe, expect, it } from 'vitest'

import { renderCertificatePdf, type CertificateContent } from '../../src/services/certificates/pdf'
import { layoutText } from '../../src/services/certificates/textLayout'
import { checkPdf, pdfFonts, pdfText, pdfWords, type PdfWord } from '../helpers/pdf'

const LONG_NAME =
  'Maximiliana Aurelia Konstantina von Hohenzollern-Sigmaringen Wolfeschlegelsteinhausen Bergerdor'
const LONG_TITLE =
  'Advanced Negotiation Strategies for Early-Stage Founders: Term Sheets, Valuation Caps, ' +
  'Pro-Rata Rights and Liquidation Preferences'

const base: CertificateContent = {
  studentName: 'Zoë Müller-Łukasz',
  courseTitle: 'Pitch Perfect: Raising Your First Round',
  educatorName: 'Maya Okafor',
  issuedAt: new Date('2026-03-01T12:00:00Z'),
  verificationCode: 'ABCD-EFGH-JKMN',
  verifyUrl: 'http://localhost:3000/api/certifications/8c7d0b5e/verify/ABCD-EFGH-JKMN',
}

// Text as extracted, without poppler's bidi embedding marks, spaces or line breaks.
const squash = (text: string) => text.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
const reversed = (text: string) => [...text].reverse().join('')

type Bounds = { xMin: number; yMin: number; xMax: number; yMax: number }
const bounds = (words: PdfWord[]): Bounds => ({
  xMin: Math.min(...words.map((w) => w.xMin)),
  yMin: Math.min(...words.map((w) => w.yMin)),
  xMax: Math.max(...words.map((w) => w.xMax)),
  yMax: Math.max(...words.map((w) => w.yMax)),
})
const overlap = (a: Bounds, b: Bounds) =>
  a.xMin < b.xMax && b.xMin < a.xMax && a.yMin < b.yMax && b.yMin < a.yMax

/**
 * Splits the page's words into the certificate's blocks: the fixed labels by their anchor words,
 * the fitted texts (name, title, "taught by …") by their content.
 */
function blocksOf(pdf: Buffer, content: CertificateContent) {
  const page = pdfWords(pdf)
  const { words } = page
  const taken = new Set<PdfWord>()
  const lineOf = (anchor: string) => {
    const first = words.find((w) => w.text === anchor)
    if (!first) throw new Error(`no "${anchor}" on the page`)
    const line = words.filter((w) => !taken.has(w) && Math.abs(w.yMin - first.yMin) < 0.5)
    line.forEach((w) => taken.add(w))
    return line
  }
  const header = [...lineOf('READY'), ...lineOf('Completion')]
  const certifies = lineOf('certifies')
  const courseLabel = lineOf('successfully')
  const footer = [
    ...lineOf('Issued'),
    ...lineOf('Verification'),
    ...lineOf('Scan'),
    ...words.filter((w) => w.text.startsWith('http')),
  ]
  footer.forEach((w) => taken.add(w))
  const byContent = (text: string) => {
    const whole = squash(text)
    const found = words.filter((w) => {
      const part = w.text.replace(/…$/u, '')
      return !taken.has(w) && (whole.includes(part) || whole.includes(reversed(part)))
    })
    found.forEach((w) => taken.add(w))
    return found
  }
  const name = byContent(content.studentName)
  const title = byContent(content.courseTitle)
  const taughtBy = content.educatorName ? byContent(`taught by ${content.educatorName}`) : []
  return {
    page,
    blocks: { header, certifies, name, courseLabel, title, taughtBy, footer },
    unassigned: words.filter((w) => !taken.has(w)),
  }
}

/** Every block present, no two overlapping, all inside the certificate's frame, nothing stray. */
function expectLaidOut(pdf: Buffer, content: CertificateContent) {
  checkPdf(pdf)
  const { page, blocks, unassigned } = blocksOf(pdf, content)
  expect(unassigned.map((w) => w.text)).toEqual([])
  expect(blocks.name.length).toBeGreaterThan(0)
  expect(blocks.title.length).toBeGreaterThan(0)
  if (content.educatorName) expect(blocks.taughtBy.length).toBeGreaterThan(2)
  const named = Object.entries(blocks).filter(([, words]) => words.length)
  for (const [label, words] of named) {
    const box = bounds(words)
    expect({ label, inside: box.xMin >= 34 && box.yMin >= 34 }).toEqual({ label, inside: true })
    expect({ label, inside: box.xMax <= page.width - 34 && box.yMax <= page.height - 34 }).toEqual({
      label,
      inside: true,
    })
  }
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      const [a, wordsA] = named[i]
      const [b, wordsB] = named[j]
      expect({ a, b, overlap: overlap(bounds(wordsA), bounds(wordsB)) }).toEqual({
        a,
        b,
        overlap: false,
      })
    }
  }
  return blocks
}

describe('renderCertificatePdf layout', () => {
  it('keeps a 95-character name whole, wrapped within its box above the course label', async () => {
    expect(LONG_NAME).toHaveLength(95)
    const content = { ...base, studentName: LONG_NAME }
    const pdf = await renderCertificatePdf(content)
    expect(squash(pdfText(pdf))).toContain(squash(LONG_NAME))
    const { name } = expectLaidOut(pdf, content)
    // Two lines, not one line running off the page.
    expect(new Set(name.map((w) => Math.round(w.yMin))).size).toBe(2)
  })

  it('keeps a 130-character course title clear of "taught by"', async () => {
    expect(LONG_TITLE).toHaveLength(130)
    const content = { ...base, courseTitle: LONG_TITLE }
    const pdf = await renderCertificatePdf(content)
    expect(squash(pdfText(pdf))).toContain(squash(LONG_TITLE))
    expectLaidOut(pdf, content)
  })

  it('prints Chinese with an embedded CJK font, not empty boxes', async () => {
    const content = {
      ...base,
      studentName: '欧阳娜娜',
      courseTitle: '创业融资入门：如何打动投资人并完成你的第一轮融资',
      educatorName: '王芳',
    }
    const pdf = await renderCertificatePdf(content)
    const text = squash(pdfText(pdf))
    for (const part of [content.studentName, content.courseTitle, 'taughtby王芳'])
      expect(text).toContain(squash(part))
    expect(pdfFonts(pdf)).toEqual(
      expect.arrayContaining(['NotoSansHans-Bold', 'NotoSansHans-Regular']),
    )
    expectLaidOut(pdf, content)
  })

  it('shapes Arabic right to left in an Arabic font, extracted in logical order', async () => {
    const content = {
      ...base,
      studentName: 'محمد عبد الله الفارسي',
      courseTitle: 'مقدمة في ريادة الأعمال',
      educatorName: 'فاطمة الزهراء',
    }
    const pdf = await renderCertificatePdf(content)
    const text = pdfText(pdf)
    // The ligatures (lam-alef in الأعمال, and الله) come back as their letters, in order.
    for (const part of [content.studentName, content.courseTitle, content.educatorName])
      expect(text).toContain(part)
    expect(pdfFonts(pdf)).toEqual(expect.arrayContaining(['NotoNaskhArabic-Bold']))
    expectLaidOut(pdf, content)
  })

  it('draws emoji from the emoji font', async () => {
    const content = { ...base, studentName: 'Ana Souza 🎓🚀' }
    const pdf = await renderCertificatePdf(content)
    expect(squash(pdfText(pdf))).toContain(squash(content.studentName))
    expect(pdfFonts(pdf)).toEqual(expect.arrayContaining(['NotoEmoji-Bold']))
    expectLaidOut(pdf, content)
  })

  it('mixes Latin, Chinese, Arabic, Korean and emoji in one name', async () => {
    const content = {
      ...base,
      studentName: 'Zoë 张伟 محمد 김민준 🎓',
      courseTitle: 'Design 设计 Basics',
    }
    const pdf = await renderCertificatePdf(content)
    const text = squash(pdfText(pdf))
    expect(text).toContain(squash(content.studentName))
    expect(text).toContain(squash(content.courseTitle))
    expect(pdfFonts(pdf)).toEqual(
      expect.arrayContaining([
        'DejaVuSans-Bold',
        'NotoSansHans-Bold',
        'NotoNaskhArabic-Bold',
        'NotoSansKR-Bold',
        'NotoEmoji-Bold',
      ]),
    )
    expectLaidOut(pdf, content)
  })

  it('cuts a name too long for its box with an ellipsis instead of overflowing', async () => {
    const studentName = Array.from({ length: 12 }, () => LONG_NAME).join(' ')
    const content = { ...base, studentName, educatorName: 'Grace Hopper-Whitfield' }
    const pdf = await renderCertificatePdf(content)
    expect(pdfText(pdf)).toContain('…')
    expect(pdfText(pdf)).toContain('taught by Grace Hopper-Whitfield')
    expectLaidOut(pdf, content)
  })
})

describe('layoutText', () => {
  const box = { x: 0, y: 0, width: 700, height: 62 }
  const name = { weight: 'bold' as const, maxSize: 30, minSize: 14 }

  it('keeps a short name on one line at the full size', () => {
    const layout = layoutText('Zoë Müller-Łukasz', box, name)
    expect(layout).toMatchObject({ size: 30, truncated: false })
    expect(layout.lines).toHaveLength(1)
  })

  it('shrinks, then wraps at the largest size whose lines fit the height', () => {
    const layout = layoutText(LONG_NAME, box, name)
    expect(layout.truncated).toBe(false)
    expect(layout.lines).toHaveLength(2)
    expect(layout.lines.length * layout.pitch).toBeLessThanOrEqual(box.height)
    expect(layout.size).toBeGreaterThanOrEqual(name.minSize)
    expect(layout.size).toBeLessThan(name.maxSize)
    for (const line of layout.lines) {
      const right = Math.max(...line.map((run) => run.x + run.width))
      expect(Math.min(...line.map((run) => run.x))).toBeGreaterThanOrEqual(0)
      expect(right).toBeLessThanOrEqual(box.width + 0.01)
    }
  })

  it('breaks a word longer than the box between characters', () => {
    const layout = layoutText('W'.repeat(120), box, name)
    expect(layout.lines.length).toBeGreaterThan(1)
    for (const line of layout.lines)
      expect(Math.max(...line.map((run) => run.x + run.width))).toBeLessThanOrEqual(
        box.width + 0.01,
      )
    const drawn = layout.lines
      .flat()
      .map((run) => run.text)
      .join('')
    expect('W'.repeat(120).startsWith(drawn.replace(/…$/u, ''))).toBe(true)
    expect(drawn.length).toBeGreaterThan(60)
  })

  it('drops control characters and collapses whitespace', () => {
    const layout = layoutText(' Ana\u0000\u0007 \n\t Souza ', box, name)
    expect(
      layout.lines
        .flat()
        .map((run) => run.text)
        .join(''),
    ).toBe('Ana Souza')
  })

  it('wraps Chinese between characters, which have no spaces', () => {
    const layout = layoutText('创业融资入门'.repeat(12), box, name)
    expect(layout.lines.length).toBeGreaterThan(1)
    expect(
      layout.lines
        .flat()
        .map((run) => run.text)
        .join(''),
    ).toBe('创业融资入门'.repeat(12))
  })

  it('orders an Arabic name right to left with Latin kept left to right inside it', () => {
    const layout = layoutText('محمد Ali الفارسي', box, name)
    const runs = layout.lines[0].map((run) => run.text.trim()).filter(Boolean)
    expect(runs).toEqual(['الفارسي', 'Ali', 'محمد'])
  })
})
