import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { Activity } from '@/api/types'
import de from '../i18n/de.json'
import { activityText } from './timelineText'

const i18n = createI18n({ legacy: false, locale: 'de', messages: { de } })
const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})
const te = (key: string) => i18n.global.te(key)

function event(code: string | null, data: Record<string, unknown> = {}, subject = 'English subject'): Pick<Activity, 'type' | 'event' | 'subject' | 'data'> {
  return { type: code ? 'event' : 'call', event: code, subject, data }
}

describe('activityText', () => {
  it('shows the subject of logged activities', () => {
    expect(activityText(event(null, {}, 'Angebot besprochen'), t, te)).toBe('Angebot besprochen')
  })

  it('translates customer events with their data', () => {
    expect(activityText(event('customer_created', { number: 'K-00012' }), t, te)).toBe('Kunde K-00012 angelegt')
    expect(activityText(event('customer_status_changed', { from: 'lead', to: 'active' }), t, te)).toBe('Status von „Interessent“ auf „Aktiv“ geändert')
    expect(activityText(event('customer_archived'), t, te)).toBe('Kunde archiviert')
    expect(activityText(event('customer_restored'), t, te)).toBe('Kunde wiederhergestellt')
  })

  it('names the added contact when it is known', () => {
    const ctx = { contactName: (id: string) => (id === 'c1' ? 'Anna Schmidt' : undefined) }
    expect(activityText(event('contact_added', { contact_id: 'c1' }), t, te, ctx)).toBe('Ansprechpartner Anna Schmidt hinzugefügt')
    expect(activityText(event('contact_added', { contact_id: 'c2' }), t, te, ctx)).toBe('Ansprechpartner hinzugefügt')
  })

  it('translates project events and their statuses', () => {
    expect(activityText(event('project_created', { number: 'P-2026-001' }), t, te)).toBe('Projekt P-2026-001 angelegt')
    expect(activityText(event('project_status_changed', { number: 'P-2026-001', from: 'planned', to: 'on_hold' }), t, te)).toBe(
      'Projekt P-2026-001: Status von „Geplant“ auf „Pausiert“ geändert',
    )
  })

  it('translates invoice and payment events with formatted amounts', () => {
    const nbsp = (x: string) => x.replace(/\u00a0/g, ' ')
    expect(nbsp(activityText(event('invoice_issued', { number: 'RE-2026-00001', kind: 'invoice', gross_total: '1190.00', currency: 'EUR' }), t, te))).toBe(
      'Rechnung RE-2026-00001 über 1.190,00 € gestellt',
    )
    expect(nbsp(activityText(event('invoice_issued', { number: 'GS-2026-00001', kind: 'credit_note', gross_total: '-238.00', currency: 'EUR' }), t, te))).toBe(
      'Stornorechnung GS-2026-00001 über -238,00 € erstellt',
    )
    expect(activityText(event('invoice_cancelled', { number: 'RE-2026-00002', credit_note: 'GS-2026-00001' }), t, te)).toBe('Rechnung RE-2026-00002 storniert (Stornorechnung GS-2026-00001)')
    expect(nbsp(activityText(event('payment_received', { number: 'RE-2026-00001', amount: '5000', currency: 'EUR' }), t, te))).toBe(
      'Zahlung über 5.000,00 € zu RE-2026-00001 eingegangen',
    )
    expect(activityText(event('payment_received', { number: 'RE-1', amount: '95.5', currency: 'EUR' }), t, te, { moneyLocale: 'en-GB' })).toBe('Zahlung über €95.50 zu RE-1 eingegangen')
  })

  it('leaves out amounts the reader may not see (sent as null)', () => {
    expect(activityText(event('invoice_issued', { number: 'RE-2026-00001', kind: 'invoice', gross_total: null, currency: 'EUR' }), t, te)).toBe('Rechnung RE-2026-00001 gestellt')
    expect(activityText(event('payment_received', { number: 'RE-2026-00001', amount: null, currency: 'EUR' }), t, te)).toBe('Zahlung zu RE-2026-00001 eingegangen')
  })

  it('falls back to the server subject for unknown events and unknown values', () => {
    expect(activityText(event('invoice_sent', {}, 'Invoice R-1 sent'), t, te)).toBe('Invoice R-1 sent')
    expect(activityText(event('customer_status_changed', { from: 'lead', to: 'vip' }), t, te)).toBe('Status von „Interessent“ auf „vip“ geändert')
  })
})
