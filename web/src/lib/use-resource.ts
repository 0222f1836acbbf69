import { useCallback, useEffect, useState } from 'preact/hooks'
import { getJson } from '../api.ts'

export type Resource<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T }

/** GETs `path` (null = nothing to load) and keeps loading/error/ready state; `reload` fetches again. */
export function useResource<T>(path: string | null): [Resource<T>, () => void] {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' })
  const [nonce, setNonce] = useState(0)
  useEffect(() => {
    if (path === null) return
    const ctrl = new AbortController()
    setState({ status: 'loading' })
    getJson<T>(path, ctrl.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', error })
      },
    )
    return () => ctrl.abort()
  }, [path, nonce])
  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return [state, reload]
}
