/** The list's filters as the API's query parameters. */
import type { DocumentSort, RecordType } from '@/api/types'

export interface DocumentFilters {
  category_id: string | undefined
  tag: string[]
  linked_type: RecordType | undefined
  date_from: string
  date_to: string
  confidential: boolean
}

export function emptyFilters(): DocumentFilters {
  return { category_id: undefined, tag: [], linked_type: undefined, date_from: '', date_to: '', confidential: false }
}

export function documentQuery(q: string, sort: DocumentSort | undefined, f: DocumentFilters) {
  return {
    q: q || undefined,
    // a search is sorted by relevance unless a column was chosen
    sort: q && (!sort || sort === '-created_at') ? ('relevance' as const) : sort,
    category_id: f.category_id ? [f.category_id] : undefined,
    tag: f.tag.length ? f.tag : undefined,
    linked_type: f.linked_type ? [f.linked_type] : undefined,
    date_from: f.date_from || undefined,
    date_to: f.date_to || undefined,
    confidential: f.confidential ? true : undefined,
  }
}

export function isFiltered(q: string, f: DocumentFilters): boolean {
  return !!q || !!f.category_id || f.tag.length > 0 || !!f.linked_type || !!f.date_from || !!f.date_to || f.confidential
}

/** Record types a document can be linked to from the Documents app, with the app that shows them. */
export const LINK_TARGETS: Array<{ type: RecordType; app: string; window: string }> = [
  { type: 'customer', app: 'crm', window: 'customer' },
  { type: 'project', app: 'projects', window: 'project' },
  { type: 'invoice', app: 'invoices', window: 'invoice' },
  { type: 'credit_note', app: 'invoices', window: 'invoice' },
  { type: 'quote', app: 'invoices', window: 'invoice' },
  { type: 'employee', app: 'employees', window: 'detail' },
]
