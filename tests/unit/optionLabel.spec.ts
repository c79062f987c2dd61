import { describe, expect, it } from 'vitest'

import { optionLabel, toOptions } from '../../src/lib/constants'

describe('select option labels', () => {
  it('reads stored values as words', () => {
    expect(optionLabel('deep_learning')).toBe('Deep learning')
    expect(optionLabel('digital_product')).toBe('Digital product')
    expect(optionLabel('microlearning')).toBe('Microlearning')
  })

  it('spells acronyms in capitals wherever they stand', () => {
    expect(optionLabel('ai')).toBe('AI')
    expect(optionLabel('usd')).toBe('USD')
    expect(optionLabel('export_csv')).toBe('Export CSV')
  })

  it('keeps the stored value as the value', () => {
    expect(toOptions(['past_due'])).toEqual([
      { label: { en: 'Past due', es: 'Vencida' }, value: 'past_due' },
    ])
    expect(toOptions(['export_csv'])).toEqual([{ label: 'Export CSV', value: 'export_csv' }])
  })
})
