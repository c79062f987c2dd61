// fontkit ships no types: the parts the certificate renderer uses (coverage checks and measuring).
declare module 'fontkit' {
  export interface Glyph {
    id: number
    codePoints: number[]
  }
  export interface GlyphRun {
    advanceWidth: number
    direction: 'ltr' | 'rtl'
    glyphs: Glyph[]
  }
  export interface Font {
    postscriptName: string
    unitsPerEm: number
    ascent: number
    descent: number
    hasGlyphForCodePoint(codePoint: number): boolean
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun
  }
  export function create(buffer: Buffer | Uint8Array, postscriptName?: string): Font | unknown
}
