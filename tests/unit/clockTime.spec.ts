import { describe, expect, it } from 'vitest'

import { clockTime } from '../../src/components/admin/courseBuilder/format'

describe("a lesson video's length on the builder", () => {
  it('reads as minutes and seconds, rounded before it is split (never "1:60")', () => {
    expect(clockTime(75)).toBe('1:15')
    expect(clockTime(119.6)).toBe('2:00')
    expect(clockTime(59.4)).toBe('0:59')
    expect(clockTime(3605)).toBe('60:05')
  })
})
