/** The list's filters as API query parameters, shared by the list and the CSV export. */
import type { CustomerKind, CustomerSort, CustomerStatus } from '@/api/types'

export interface CustomerFilters {
  status: CustomerStatus[]
  kind: CustomerKind[]
  tag: string[]
  archived: boolean
}

export function emptyFilters(): CustomerFilters {
  return { status: [], kind: [], tag: [], archived: false }
}

export function customerQuery(q: string, sort: CustomerSort | undefined, f: CustomerFilters) {
  return {
    q: q || undefined,
    sort,
    status: f.status.length ? f.status : undefined,
    kind: f.kind.length ? f.kind : undefined,
    tag: f.tag.length ? f.tag : undefined,
    archived: f.archived,
  }
}

/** "kunden-2026-11-23.csv", unless the server names the file. */
export function exportFileName(contentDisposition: string | null, today = new Date()): string {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(contentDisposition ?? '')
  if (m?.[1]) return decodeURIComponent(m[1])
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`
  return `kunden-${iso}.csv`
}
