/** List filters -> query parameters of GET /invoices (empty values left out). */
import type { InvoiceKind, InvoiceListQuery, InvoiceSort, StatusFilter } from './types'

export interface InvoiceFilters {
  kind: InvoiceKind[]
  status: StatusFilter[]
  customer_id: string | null
  customer_label: string
  issue_from: string
  issue_to: string
  due_from: string
  due_to: string
  amount_min: string | null
  amount_max: string | null
}

export function emptyFilters(): InvoiceFilters {
  return {
    kind: [],
    status: [],
    customer_id: null,
    customer_label: '',
    issue_from: '',
    issue_to: '',
    due_from: '',
    due_to: '',
    amount_min: null,
    amount_max: null,
  }
}

export function invoiceQuery(q: string, sort: InvoiceSort | undefined, f: InvoiceFilters): InvoiceListQuery {
  const query: InvoiceListQuery = {}
  if (q) query.q = q
  if (sort) query.sort = sort
  if (f.kind.length) query.kind = [...f.kind]
  if (f.status.length) query.status = [...f.status]
  if (f.customer_id) query.customer_id = f.customer_id
  if (f.issue_from) query.issue_from = f.issue_from
  if (f.issue_to) query.issue_to = f.issue_to
  if (f.due_from) query.due_from = f.due_from
  if (f.due_to) query.due_to = f.due_to
  if (f.amount_min) query.amount_min = f.amount_min
  if (f.amount_max) query.amount_max = f.amount_max
  return query
}

export function hasFilters(q: string, f: InvoiceFilters): boolean {
  return !!q || f.kind.length > 0 || f.status.length > 0 || !!f.customer_id || !!(f.issue_from || f.issue_to || f.due_from || f.due_to) || !!(f.amount_min || f.amount_max)
}
