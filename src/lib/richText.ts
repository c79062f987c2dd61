import { z } from 'zod'

import type { Course } from '../payload-types'

export type RichText = NonNullable<Course['description']>

/** Plain text → a Lexical document, one paragraph per blank-line-separated block. */
export function textToRichText(text: string): RichText {
  const paragraphs = text.split(/\n{2,}/).map((block) => ({
    type: 'paragraph',
    version: 1,
    direction: 'ltr' as const,
    format: '' as const,
    indent: 0,
    textFormat: 0,
    children: [
      { type: 'text', version: 1, text: block, format: 0, detail: 0, mode: 'normal', style: '' },
    ],
  }))
  return {
    root: {
      type: 'root',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: paragraphs,
    },
  }
}

type Node = { text?: unknown; children?: unknown[]; root?: unknown }

/** A Lexical document → plain text (the inverse of textToRichText): paragraphs on blank lines. */
export function richTextToText(value: unknown): string {
  if (!value || typeof value !== 'object') return ''
  const node = value as Node
  if (node.root) return richTextToText(node.root)
  if (typeof node.text === 'string') return node.text
  const children = (node.children ?? []).map(richTextToText)
  return (node as { type?: string }).type === 'root'
    ? children.filter(Boolean).join('\n\n')
    : children.join('')
}

/**
 * A rich-text field's beforeValidate hook: plain text sent to Payload's own REST or Local API
 * becomes a Lexical document, as on the custom endpoints, instead of a bare string in the column
 * (which every reader, and the OpenAPI document, expects to be a document).
 */
export const plainTextAsRichText = ({ value }: { value?: unknown }) =>
  typeof value === 'string' ? textToRichText(value) : value

/** Accepts plain text or a Lexical JSON document. */
export const richTextInput = z.union([
  z.string().max(50_000).transform(textToRichText),
  z
    .object({
      root: z.object({ type: z.literal('root'), children: z.array(z.looseObject({})) }).loose(),
    })
    .loose()
    .transform((value) => value as unknown as RichText),
])
