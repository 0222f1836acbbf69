import { useCallback, useEffect, useState } from 'preact/hooks'
import type { Endpoints } from '../../../kernel/contract/endpoints.ts'
import { getJson, type ApiRequest } from '../api.ts'

export type Resource<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T }

type GetKey = Extract<keyof Endpoints, `GET ${string}`>

/** GETs an endpoint (null = nothing to load) and keeps loading/error/ready state; `reload` fetches again. */
export function useResource<K extends GetKey>(request: ApiRequest<K> | null): [Resource<Endpoints[K]>, () => void] {
  const [state, setState] = useState<Resource<Endpoints[K]>>({ status: 'loading' })
  const [nonce, setNonce] = useState(0)
  const url = request?.url ?? null
  useEffect(() => {
    if (request === null) return
    const ctrl = new AbortController()
    setState({ status: 'loading' })
    getJson(request, ctrl.signal).then(
      // A request replaced meanwhile (its URL changed, or the screen left) must not overwrite the newer state.
      (data) => {
        if (!ctrl.signal.aborted) setState({ status: 'ready', data })
      },
      (error: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', error })
      },
    )
    return () => ctrl.abort()
  }, [url, nonce])
  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return [state, reload]
}
