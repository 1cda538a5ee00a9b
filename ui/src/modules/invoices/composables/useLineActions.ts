/** Line operations of a draft; each answers with the whole invoice, applied through `change`. */
import type { Ref } from 'vue'
import { api } from '@/api/client'
import type { Invoice, LineIn, LineUpdate } from './types'

type Change = (action: () => Promise<Invoice | undefined>, fieldPrefix?: string) => Promise<boolean>

/** Swaps a line with its neighbour; returns the new id order, or null at the edges. */
export function movedOrder(ids: string[], index: number, delta: -1 | 1): string[] | null {
  const target = index + delta
  if (index < 0 || index >= ids.length || target < 0 || target >= ids.length) return null
  const next = [...ids]
  ;[next[index], next[target]] = [next[target] as string, next[index] as string]
  return next
}

export function useLineActions(invoice: Ref<Invoice | null>, change: Change) {
  const path = () => ({ invoice_id: invoice.value?.id ?? '' })

  function add(body: LineIn): Promise<boolean> {
    return change(async () => (await api.POST('/api/v1/invoices/{invoice_id}/lines', { params: { path: path() }, body })).data)
  }

  function update(lineId: string, body: LineUpdate): Promise<boolean> {
    return change(
      async () => (await api.PATCH('/api/v1/invoices/{invoice_id}/lines/{line_id}', { params: { path: { ...path(), line_id: lineId } }, body })).data,
      `lines.${lineId}.`,
    )
  }

  function remove(lineId: string): Promise<boolean> {
    return change(async () => (await api.DELETE('/api/v1/invoices/{invoice_id}/lines/{line_id}', { params: { path: { ...path(), line_id: lineId } } })).data)
  }

  function move(index: number, delta: -1 | 1): Promise<boolean> {
    const ids = movedOrder(invoice.value?.lines.map((l) => l.id) ?? [], index, delta)
    if (!ids) return Promise.resolve(false)
    return change(async () => (await api.PUT('/api/v1/invoices/{invoice_id}/lines/order', { params: { path: path() }, body: { line_ids: ids } })).data)
  }

  return { add, update, remove, move }
}

export type LineActions = ReturnType<typeof useLineActions>
