import type { ComponentType } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { Loading } from '../../components/states.tsx'

/**
 * A part of the report in its own chunk, loaded once the figures are on screen: a few lines instead of
 * preact/compat's Suspense, which would weigh more than the parts it defers.
 */
export function later<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null
  return function Later(props: P) {
    const [Part, setPart] = useState<ComponentType<P> | null>(() => loaded)
    useEffect(() => {
      if (!loaded) void load().then((m) => setPart(() => (loaded = m.default)))
    }, [])
    return Part ? <Part {...props} /> : <Loading />
  }
}
