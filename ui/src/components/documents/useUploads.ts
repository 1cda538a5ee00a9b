/**
 * A queue of files being uploaded, each with its own progress and outcome. Two uploads run at
 * a time; the rest wait. Used by every upload area (Documents app and the records' tabs).
 */
import { computed, reactive, onScopeDispose } from 'vue'
import { ApiError } from '@/api/errors'
import type { DocumentUploadResult } from '@/api/types'
import { uploadDocument, type UploadFields } from './upload'

export type UploadStatus = 'queued' | 'uploading' | 'done' | 'duplicate' | 'failed'

export interface UploadItem {
  key: number
  file: File
  name: string
  size: number
  loaded: number
  status: UploadStatus
  error: unknown
  result: DocumentUploadResult | null
}

const CONCURRENT = 2
let nextKey = 1

export function useUploads(fields: () => UploadFields, onUploaded: (result: DocumentUploadResult) => void, upload = uploadDocument) {
  const items = reactive<UploadItem[]>([])
  const controllers = new Map<number, AbortController>()
  const active = computed(() => items.filter((i) => i.status === 'uploading').length)
  const busy = computed(() => items.some((i) => i.status === 'queued' || i.status === 'uploading'))

  function pump(): void {
    while (active.value < CONCURRENT) {
      const next = items.find((i) => i.status === 'queued')
      if (!next) return
      void run(next)
    }
  }

  async function run(item: UploadItem): Promise<void> {
    item.status = 'uploading'
    const controller = new AbortController()
    controllers.set(item.key, controller)
    try {
      const result = await upload(item.file, fields(), (loaded) => (item.loaded = loaded), controller.signal)
      item.loaded = item.size
      item.result = result
      item.status = result.duplicate ? 'duplicate' : 'done'
      onUploaded(result)
    } catch (e) {
      item.status = 'failed'
      item.error = e
    } finally {
      controllers.delete(item.key)
      pump()
    }
  }

  function add(files: Iterable<File>): void {
    for (const file of files) {
      items.push({ key: nextKey++, file, name: file.name, size: file.size, loaded: 0, status: 'queued', error: null, result: null })
    }
    pump()
  }

  function retry(item: UploadItem): void {
    item.status = 'queued'
    item.error = null
    item.loaded = 0
    pump()
  }

  function clearFinished(): void {
    for (let i = items.length - 1; i >= 0; i--) {
      const status = items[i]?.status
      if (status === 'done' || status === 'duplicate') items.splice(i, 1)
    }
  }

  function cancelAll(): void {
    for (const controller of controllers.values()) controller.abort()
  }
  onScopeDispose(cancelAll)

  return { items, busy, add, retry, clearFinished, cancelAll, isApiError: (e: unknown) => e instanceof ApiError }
}
