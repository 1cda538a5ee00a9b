import { describe, expect, it } from 'vitest'
import { patternProblem, renderNumberPattern } from './numberPattern'

describe('number patterns', () => {
  it('renders examples like the backend', () => {
    expect(renderNumberPattern('K-{seq:5}')).toBe('K-00001')
    expect(renderNumberPattern('P-{year}-{seq:3}', 7, 2026)).toBe('P-2026-007')
    expect(renderNumberPattern('{seq}', 42)).toBe('42')
  })

  it('names what is wrong', () => {
    expect(patternProblem('K-{foo}{seq}')).toBe('unknown_placeholder')
    expect(patternProblem('K-')).toBe('seq_count')
    expect(patternProblem('{seq}{seq:2}')).toBe('seq_count')
    expect(patternProblem('K-{seq:13}')).toBe('seq_width')
    expect(patternProblem('Kä-{seq}')).toBe('characters')
    expect(renderNumberPattern('K-')).toBeNull()
  })
})
