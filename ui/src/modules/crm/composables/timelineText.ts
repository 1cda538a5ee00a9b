/**
 * One line of text for a timeline entry. Logged activities show their subject; system events
 * (type "event") carry a stable code and data, and are rendered as translated sentences here
 * instead of the server's English subject.
 */
import type { Activity } from '@/api/types'
import { formatMoney } from '@/composables/money'

type Translate = (key: string, values?: Record<string, unknown>) => string
type HasKey = (key: string) => boolean

export interface EventContext {
  /** Name of a contact of this customer, if known (the event data only has its id). */
  contactName?: (id: string) => string | undefined
  /** BCP 47 locale for amounts in invoice and payment events (default de-DE). */
  moneyLocale?: string
}

function str(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

function translated(t: Translate, te: HasKey, prefix: string, value: unknown): string {
  const key = `${prefix}.${str(value)}`
  return te(key) ? t(key) : str(value)
}

/** Event amounts are decimal strings in the document's currency; the app bills in euros. */
function amount(value: unknown, currency: unknown, ctx: EventContext): string {
  const v = str(value)
  if (currency && currency !== 'EUR') return `${v} ${str(currency)}`
  return formatMoney(v, ctx.moneyLocale ?? 'de-DE', v)
}

export function activityText(activity: Pick<Activity, 'type' | 'event' | 'subject' | 'data'>, t: Translate, te: HasKey, ctx: EventContext = {}): string {
  if (activity.type !== 'event' || !activity.event) return activity.subject
  const data = activity.data ?? {}
  switch (activity.event) {
    case 'customer_created':
      return t('crm.events.customer_created', { number: str(data.number) })
    case 'customer_status_changed':
      return t('crm.events.customer_status_changed', {
        from: translated(t, te, 'crm.status', data.from),
        to: translated(t, te, 'crm.status', data.to),
      })
    case 'contact_added': {
      const name = ctx.contactName?.(str(data.contact_id))
      return name ? t('crm.events.contact_added', { name }) : t('crm.events.contact_added_unnamed')
    }
    case 'project_created':
      return t('crm.events.project_created', { number: str(data.number) })
    case 'project_status_changed':
      return t('crm.events.project_status_changed', {
        number: str(data.number),
        from: translated(t, te, 'crm.projectStatus', data.from),
        to: translated(t, te, 'crm.projectStatus', data.to),
      })
    case 'invoice_issued': {
      // Amounts the reader may not see arrive as null (invoices.read): the sentence leaves them out.
      const key = data.kind === 'credit_note' ? 'crm.events.credit_note_issued' : data.kind === 'quote' ? 'crm.events.quote_issued' : 'crm.events.invoice_issued'
      if (data.gross_total === null || data.gross_total === undefined) return t(`${key}_plain`, { number: str(data.number) })
      return t(key, { number: str(data.number), amount: amount(data.gross_total, data.currency, ctx) })
    }
    case 'invoice_cancelled':
      return data.credit_note
        ? t('crm.events.invoice_cancelled', { number: str(data.number), credit: str(data.credit_note) })
        : t('crm.events.invoice_cancelled_plain', { number: str(data.number) })
    case 'payment_received':
      if (data.amount === null || data.amount === undefined) return t('crm.events.payment_received_plain', { number: str(data.number) })
      return t('crm.events.payment_received', { number: str(data.number), amount: amount(data.amount, data.currency, ctx) })
    default: {
      // events without parameters (archived, restored) and ones added later with a translation
      const key = `crm.events.${activity.event}`
      return te(key) ? t(key, data) : activity.subject
    }
  }
}
