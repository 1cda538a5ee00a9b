/** Labels, colours and option lists for invoices; pure, so they are unit-tested. */
import type { Grouping, InvoiceKind, InvoiceStatus, PaymentMethod, StatusFilter, UnitCode, VatCategory } from './types'

type Translate = (key: string, values?: Record<string, unknown>) => string

export const KINDS: InvoiceKind[] = ['invoice', 'credit_note', 'quote']
export const STATUSES: InvoiceStatus[] = ['draft', 'finalized', 'sent', 'partially_paid', 'paid', 'cancelled', 'accepted', 'declined', 'expired']
/** Status filters the list endpoint understands; "open" and "overdue" are derived by the server. */
export const STATUS_FILTERS: StatusFilter[] = ['open', 'overdue', 'draft', 'finalized', 'sent', 'partially_paid', 'paid', 'cancelled', 'accepted', 'declined', 'expired']
/** UN/ECE Recommendation 20 codes the back end accepts (EN 16931 BT-130). */
export const UNITS: UnitCode[] = ['HUR', 'DAY', 'H87', 'MON', 'KMT', 'LS']
export const PAYMENT_METHODS: PaymentMethod[] = ['bank_transfer', 'sepa_direct_debit', 'card', 'paypal', 'cash', 'other']
export const GROUPINGS: Grouping[] = ['task_type', 'employee', 'month', 'entry']

export const STATUS_CLASSES: Record<InvoiceStatus | 'overdue', string> = {
  draft: 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
  finalized: 'bg-blue-100 text-blue-800 dark:bg-blue-900/60 dark:text-blue-200',
  sent: 'bg-indigo-100 text-indigo-800 dark:bg-indigo-900/60 dark:text-indigo-200',
  partially_paid: 'bg-amber-100 text-amber-800 dark:bg-amber-900/60 dark:text-amber-200',
  paid: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200',
  cancelled: 'bg-slate-700 text-white dark:bg-slate-300 dark:text-slate-900',
  accepted: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200',
  declined: 'bg-rose-100 text-rose-800 dark:bg-rose-900/60 dark:text-rose-200',
  expired: 'bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400',
  overdue: 'bg-red-600 text-white',
}

export const STATUS_BAR: Record<string, string> = {
  draft: 'bg-slate-400',
  finalized: 'bg-blue-500',
  sent: 'bg-indigo-500',
  partially_paid: 'bg-amber-500',
  paid: 'bg-emerald-500',
  cancelled: 'bg-slate-700',
  accepted: 'bg-emerald-400',
  declined: 'bg-rose-500',
  expired: 'bg-slate-300',
}

/** A quote is "open" until decided; a sent quote is not something the customer owes. */
export function isOverdue(doc: { kind: InvoiceKind; overdue: boolean }): boolean {
  return doc.kind === 'invoice' && doc.overdue
}

export interface StatusBadgeInfo {
  key: InvoiceStatus | 'overdue'
  label: string
  classes: string
}

/** Badge for a document: overdue invoices show red with the days, quotes use their own words. */
export function statusBadge(doc: { kind: InvoiceKind; status: InvoiceStatus; overdue: boolean; days_overdue: number }, t: Translate): StatusBadgeInfo {
  if (isOverdue(doc) && doc.status !== 'paid' && doc.status !== 'cancelled') {
    return { key: 'overdue', label: t('invoices.status.overdueDays', { n: doc.days_overdue }), classes: STATUS_CLASSES.overdue }
  }
  const key = doc.kind === 'quote' && (doc.status === 'finalized' || doc.status === 'sent') ? `quote_${doc.status}` : doc.status
  return { key: doc.status, label: t(`invoices.status.${key}`), classes: STATUS_CLASSES[doc.status] }
}

export interface VatOption {
  value: string
  category: VatCategory
  rate: string
}

/** Rate + category pairs offered in the line editor (§ 12 UStG rates, § 4/§ 13b/§ 19 UStG categories). */
export const VAT_OPTIONS: VatOption[] = [
  { value: 'standard:19', category: 'standard', rate: '19' },
  { value: 'standard:7', category: 'standard', rate: '7' },
  { value: 'zero:0', category: 'zero', rate: '0' },
  { value: 'exempt:0', category: 'exempt', rate: '0' },
  { value: 'reverse_charge:0', category: 'reverse_charge', rate: '0' },
  { value: 'intra_eu:0', category: 'intra_eu', rate: '0' },
  { value: 'export:0', category: 'export', rate: '0' },
  { value: 'small_business:0', category: 'small_business', rate: '0' },
]

/** "standard" + "19.00" -> "standard:19" (the option value), so server rates match the picker. */
export function vatKey(category: string, rate: string | number): string {
  const n = Number(rate)
  return `${category}:${Number.isFinite(n) ? String(n) : rate}`
}

export function vatLabel(category: string, rate: string | number, t: Translate): string {
  const n = Number(rate)
  return category === 'standard' ? t('invoices.vat.standard', { rate: n }) : t(`invoices.vat.${category}`)
}

/** Number of the document or, for drafts, a word for "draft" in the window title and lists. */
export function documentLabel(doc: { kind: InvoiceKind; number: string | null }, t: Translate): string {
  return doc.number ?? t(`invoices.kindDraft.${doc.kind}`)
}
