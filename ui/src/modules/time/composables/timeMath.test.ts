import { describe, expect, it } from 'vitest'
import { addDays, formatElapsed, formatMinutes, isoWeekNumber, mondayOf, parseHours, weekDays } from './timeMath'

describe('parseHours', () => {
  it('reads decimal hours with comma or dot', () => {
    expect(parseHours('1,5')).toBe(90)
    expect(parseHours('1.25')).toBe(75)
    expect(parseHours('8')).toBe(480)
    expect(parseHours(',5')).toBe(30)
  })
  it('reads h:mm, minutes and h/m forms', () => {
    expect(parseHours('1:30')).toBe(90)
    expect(parseHours('0:05')).toBe(5)
    expect(parseHours('90m')).toBe(90)
    expect(parseHours('2h')).toBe(120)
    expect(parseHours('1h 30m')).toBe(90)
  })
  it('empty is null, junk is undefined', () => {
    expect(parseHours('')).toBeNull()
    expect(parseHours('  ')).toBeNull()
    expect(parseHours('abc')).toBeUndefined()
    expect(parseHours('1:75')).toBeUndefined()
    expect(parseHours('1h75')).toBeUndefined()
  })
})

describe('formatting', () => {
  it('formats minutes as h:mm', () => {
    expect(formatMinutes(90)).toBe('1:30')
    expect(formatMinutes(5)).toBe('0:05')
    expect(formatMinutes(0, true)).toBe('')
  })
  it('formats elapsed time as h:mm:ss', () => {
    expect(formatElapsed(0)).toBe('0:00:00')
    expect(formatElapsed(3_723_000)).toBe('1:02:03')
    expect(formatElapsed(-5)).toBe('0:00:00')
  })
})

describe('week math', () => {
  it('finds the Monday', () => {
    expect(mondayOf('2025-01-01')).toBe('2024-12-30')
    expect(mondayOf('2025-03-30')).toBe('2025-03-24') // Sunday, DST switch
    expect(mondayOf('2025-03-24')).toBe('2025-03-24')
  })
  it('lists the week and moves across months', () => {
    expect(weekDays('2025-03-24')).toEqual(['2025-03-24', '2025-03-25', '2025-03-26', '2025-03-27', '2025-03-28', '2025-03-29', '2025-03-30'])
    expect(addDays('2025-02-24', 7)).toBe('2025-03-03')
    expect(addDays('2025-01-06', -7)).toBe('2024-12-30')
  })
  it('computes ISO week numbers', () => {
    expect(isoWeekNumber('2024-12-30')).toBe(1)
    expect(isoWeekNumber('2025-03-24')).toBe(13)
    expect(isoWeekNumber('2021-01-03')).toBe(53)
  })
})
