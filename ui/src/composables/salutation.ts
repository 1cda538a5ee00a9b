/**
 * How a letter opens for a contact person, the backend's rule (invoices/pdf/data.py
 * "salutation"): "Sehr geehrte Frau Dr. Weber," with a salutation, by full name without one,
 * neutral without a contact. The family name is the last word with the lowercase particles
 * before it ("von der Leyen").
 */
type Translate = (key: string, values?: Record<string, unknown>) => string

export interface ContactForLetter {
  name: string | null | undefined
  salutation: string | null | undefined
  title: string | null | undefined
}

export function familyName(name: string): string {
  const words = name.trim().split(/\s+/)
  let start = words.length - 1
  while (start > 1 && /^[a-zäöüß]/.test(words[start - 1] ?? '')) start--
  return words.slice(start).join(' ')
}

export function letterOpening(contact: ContactForLetter, t: Translate): string {
  const name = (contact.name ?? '').trim()
  if (!name) return t('records.openings.neutral')
  if (contact.salutation !== 'ms' && contact.salutation !== 'mr') return t('records.openings.byName', { name })
  const family = [contact.title?.trim(), familyName(name)].filter(Boolean).join(' ')
  return t(`records.openings.${contact.salutation}`, { name: family })
}
