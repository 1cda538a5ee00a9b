import { describe, expect, it } from 'vitest'
import { decimalToInput, parseDecimalInput } from './decimal'
import { movedOrder } from './useLineActions'

describe('decimalToInput', () => {
  it('trims trailing zeros and uses the German comma', () => {
    expect(decimalToInput('27.2500')).toBe('27,25')
    expect(decimalToInput('1.0000')).toBe('1')
    expect(decimalToInput('130.0000', 'de', 2)).toBe('130,00')
    expect(decimalToInput('2.50', 'en')).toBe('2.5')
    expect(decimalToInput(null)).toBe('')
  })
})

describe('parseDecimalInput', () => {
  it.each([
    ['1,5', '1.5'],
    ['1.5', '1.5'],
    ['1.234,5', '1234.5'],
    ['0,25', '0.25'],
    ['19 %', '19'],
    ['007', '7'],
  ])('%s -> %s', (input, value) => {
    expect(parseDecimalInput(input)).toEqual({ ok: true, value })
  })

  it('returns null for empty and rejects junk, too many places and negatives', () => {
    expect(parseDecimalInput(' ')).toEqual({ ok: true, value: null })
    expect(parseDecimalInput('abc')).toEqual({ ok: false })
    expect(parseDecimalInput('1,23456')).toEqual({ ok: false })
    expect(parseDecimalInput('-2')).toEqual({ ok: false })
    expect(parseDecimalInput('-2', 4, true)).toEqual({ ok: true, value: '-2' })
  })
})


describe('movedOrder', () => {
  it('swaps with the neighbour and refuses to move past the edges', () => {
    expect(movedOrder(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c'])
    expect(movedOrder(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b'])
    expect(movedOrder(['a', 'b'], 0, -1)).toBeNull()
    expect(movedOrder(['a', 'b'], 1, 1)).toBeNull()
  })
})
