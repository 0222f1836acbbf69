import { useEffect, useState } from 'preact/hooks'
import type { EvidenceField as EvidenceFieldView, EvidenceFieldProps } from './evidence-field.tsx'
import { Loading } from './states.tsx'

export type { EvidenceFieldProps }

/** The evidence field as a chunk of its own (shrinking, the queue, the upload), loaded when a screen shows it. */
export function LazyEvidenceField(props: EvidenceFieldProps) {
  const [View, setView] = useState<typeof EvidenceFieldView | null>(null)
  useEffect(() => {
    void import('./evidence-field.tsx').then((m) => setView(() => m.EvidenceField))
  }, [])
  return View ? <View {...props} /> : <Loading />
}
