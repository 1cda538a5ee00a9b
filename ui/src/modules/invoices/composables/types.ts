/** Aliases for the generated invoice, payment and product schemas. Nothing here is written by hand. */
import type { components, operations } from '@/api/schema'

type S = components['schemas']

export type Invoice = S['Invoice']
export type InvoiceSummary = S['InvoiceSummary']
export type InvoicePage = S['InvoicePage']
export type InvoiceUpdate = S['InvoiceUpdate']
export type InvoiceCreate = S['InvoiceCreate']
export type InvoiceSort = S['InvoiceSort']
export type InvoiceStats = S['InvoiceStats']
export type InvoiceKind = Invoice['kind']
export type InvoiceStatus = Invoice['status']
export type Line = S['Line']
export type LineIn = S['LineIn']
export type LineUpdate = S['LineUpdate']
export type UnitCode = NonNullable<LineIn['unit_code']>
export type VatCategory = NonNullable<LineIn['vat_category']>
export type Finding = S['Finding']
export type ValidationReport = S['ValidationReport']
export type AuditEntry = S['AuditEntry']
export type Payment = S['Payment']
export type PaymentCreate = S['PaymentCreate']
export type PaymentMethod = NonNullable<PaymentCreate['method']>
export type Product = S['Product']
export type ProductCreate = S['ProductCreate']
export type FromTimeRequest = S['FromTimeRequest']
export type Grouping = NonNullable<FromTimeRequest['grouping']>
export type TimePreview = S['TimePreview']
export type BulkResult = S['BulkResult']
export type JobRead = S['JobRead']
export type Ref = S['Ref']
export type CustomerSummary = S['CustomerSummary']
export type ProjectSummary = S['ProjectSummary']
export type Contact = S['Contact']

type ListParams = NonNullable<operations['list_invoices_api_v1_invoices_get']['parameters']['query']>
export type InvoiceListQuery = ListParams
export type StatusFilter = NonNullable<ListParams['status']>[number]
