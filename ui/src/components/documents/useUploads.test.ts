import { describe, expect, it } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { ApiError } from '@/api/errors'
import type { DocumentUploadResult } from '@/api/types'
import { formatSize, formOf, typeLabel } from './upload'
import { useUploads } from './useUploads'

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

const result = (duplicate: boolean) => ({ document: { id: 'd', title: 'T' }, duplicate, duplicate_of_version: duplicate ? 1 : null }) as unknown as DocumentUploadResult
const file = (name: string) => new File(['x'.repeat(10)], name, { type: 'application/pdf' })

describe('useUploads', () => {
  it('runs two uploads at a time, reports each outcome and retries a failed one', async () => {
    const calls: Array<{ name: string; done: ReturnType<typeof deferred<DocumentUploadResult>>; progress: (loaded: number, total: number) => void }> = []
    const uploaded: DocumentUploadResult[] = []
    const scope = effectScope()
    const uploads = scope.run(() =>
      useUploads(
        () => ({ links: [{ type: 'customer', id: 'c1' }] }),
        (r) => uploaded.push(r),
        (f, _fields, onProgress) => {
          const done = deferred<DocumentUploadResult>()
          calls.push({ name: f.name, done, progress: onProgress ?? (() => {}) })
          return done.promise
        },
      ),
    )!
    uploads.add([file('a.pdf'), file('b.pdf'), file('c.pdf')])
    expect(calls.map((c) => c.name)).toEqual(['a.pdf', 'b.pdf'])
    const byName = (name: string) => uploads.items.find((i) => i.name === name)!
    expect(byName('c.pdf').status).toBe('queued')
    calls[0]!.progress(5, 10)
    expect(byName('a.pdf').loaded).toBe(5)
    calls[0]!.done.resolve(result(false))
    await nextTick()
    await Promise.resolve()
    expect(byName('a.pdf').status).toBe('done')
    expect(calls.map((c) => c.name)).toEqual(['a.pdf', 'b.pdf', 'c.pdf'])
    calls[1]!.done.resolve(result(true))
    calls[2]!.done.reject(new ApiError(422, { code: 'file_type_not_allowed' }))
    await new Promise((r) => setTimeout(r, 0))
    expect(byName('b.pdf').status).toBe('duplicate')
    expect(byName('c.pdf').status).toBe('failed')
    expect(uploaded).toHaveLength(2)
    uploads.retry(byName('c.pdf'))
    expect(calls).toHaveLength(4)
    uploads.clearFinished()
    expect(uploads.items.map((i) => i.name)).toEqual(['c.pdf'])
    scope.stop()
  })
})

describe('upload helpers', () => {
  it('sends fields, repeated tags and links as form fields', () => {
    const form = formOf(file('x.pdf'), { title: 'Vertrag', tags: ['a', 'b'], confidential: true, links: [{ type: 'project', id: 'p1' }] })
    expect(form.get('title')).toBe('Vertrag')
    expect(form.getAll('tags')).toEqual(['a', 'b'])
    expect(form.get('confidential')).toBe('true')
    expect(form.getAll('links')).toEqual(['project:p1'])
    expect((form.get('file') as File).name).toBe('x.pdf')
  })

  it('formats sizes and type labels for people', () => {
    expect(formatSize(512, 'de')).toBe('512 B')
    expect(formatSize(1_234_567, 'de')).toBe('1,2 MB')
    expect(formatSize(1_234_567, 'en')).toBe('1.2 MB')
    expect(typeLabel('application/pdf', 'a.pdf')).toBe('PDF')
    expect(typeLabel('image/png', 'a.png')).toBe('PNG')
    expect(typeLabel('text/csv', 'konto.csv')).toBe('CSV')
  })
})
