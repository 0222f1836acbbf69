import type { ComponentChildren } from 'preact'
import { useEffect, useId, useRef } from 'preact/hooks'
import { useI18n } from '../i18n/i18n.tsx'

/**
 * The native <dialog>: focus trapping, Escape and the backdrop come from the browser. `onClose` reports only a
 * close the user asked for (Escape, the close button): the `close` event that follows `open` turning false
 * arrives a task later and must not close whatever the parent opened in the meantime (invite → its link).
 */
export function Dialog({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null)
  const { t } = useI18n()
  const titleId = useId()
  const wanted = useRef(open)
  wanted.current = open
  // On every render, not only when `open` changes: a dialog the parent still wants (the session-expired one,
  // dismissed with Escape) comes back with the next render.
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  })
  const userClosed = () => {
    if (wanted.current) onClose()
  }
  return (
    <dialog ref={ref} class="dialog" aria-labelledby={titleId} onClose={userClosed} onCancel={userClosed}>
      <div class="dialog__head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="link" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {open && children}
    </dialog>
  )
}
