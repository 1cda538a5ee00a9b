/**
 * Uploading a document with progress. fetch() reports no upload progress, so this one request
 * goes through XMLHttpRequest; it sends the same CSRF header as the API client and turns error
 * answers into the same ApiError.
 */
import { CSRF_COOKIE, readCookie } from '@/api/client'
import { ApiError, type Problem } from '@/api/errors'
import type { DocumentRead, DocumentUploadResult, RecordType } from '@/api/types'

export interface RecordRef {
  type: RecordType
  id: string
}

export interface UploadFields {
  title?: string
  category_id?: string
  tags?: string[]
  document_date?: string
  notes?: string
  confidential?: boolean
  links?: RecordRef[]
}

export type ProgressHandler = (loaded: number, total: number) => void

function problemOf(xhr: XMLHttpRequest): ApiError {
  let body: Partial<Problem> = {}
  try {
    const parsed: unknown = JSON.parse(xhr.responseText)
    if (parsed && typeof parsed === 'object') body = parsed as Partial<Problem>
  } catch {
    // not JSON (a proxy's error page): the status decides the code
  }
  return new ApiError(xhr.status, body)
}

export function formOf(file: File, fields: UploadFields = {}): FormData {
  const form = new FormData()
  if (fields.title) form.append('title', fields.title)
  if (fields.category_id) form.append('category_id', fields.category_id)
  for (const tag of fields.tags ?? []) form.append('tags', tag)
  if (fields.document_date) form.append('document_date', fields.document_date)
  if (fields.notes) form.append('notes', fields.notes)
  if (fields.confidential) form.append('confidential', 'true')
  for (const link of fields.links ?? []) form.append('links', `${link.type}:${link.id}`)
  // the file last: the fields before it are small, the file streams to storage as it arrives
  form.append('file', file, file.name)
  return form
}

function send<T>(url: string, form: FormData, onProgress?: ProgressHandler, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.withCredentials = true
    const token = readCookie(CSRF_COOKIE)
    if (token) xhr.setRequestHeader('X-CSRF-Token', token)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total)
    }
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as T)
      else reject(problemOf(xhr))
    }
    xhr.onerror = () => reject(new TypeError('network error'))
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'))
    signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(form)
  })
}

export function uploadDocument(file: File, fields: UploadFields, onProgress?: ProgressHandler, signal?: AbortSignal): Promise<DocumentUploadResult> {
  return send<DocumentUploadResult>('/api/v1/documents', formOf(file, fields), onProgress, signal)
}

export function uploadVersion(documentId: string, file: File, onProgress?: ProgressHandler, signal?: AbortSignal): Promise<DocumentRead> {
  const form = new FormData()
  form.append('file', file, file.name)
  return send<DocumentRead>(`/api/v1/documents/${encodeURIComponent(documentId)}/versions`, form, onProgress, signal)
}

/** File size for people: 1,2 MB / 340 KB. */
export function formatSize(bytes: number, locale: string): string {
  const fmt = (n: number, digits: number) => n.toLocaleString(locale === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: digits })
  if (bytes < 1000) return `${bytes} B`
  if (bytes < 1_000_000) return `${fmt(bytes / 1000, 0)} KB`
  if (bytes < 1_000_000_000) return `${fmt(bytes / 1_000_000, 1)} MB`
  return `${fmt(bytes / 1_000_000_000, 2)} GB`
}

/** A short label of the file type from its content type (PDF, PNG, DOCX, …). */
export function typeLabel(contentType: string, fileName: string): string {
  const ext = fileName.includes('.') ? fileName.split('.').pop()! : ''
  if (contentType === 'application/pdf') return 'PDF'
  if (contentType.startsWith('image/')) return contentType.slice(6).toUpperCase()
  return ext.toUpperCase().slice(0, 5) || '—'
}
