import type { ComponentChildren } from 'preact'
import { useEffect, useId, useRef } from 'preact/hooks'
import { useI18n } from '../i18n/i18n.tsx'

/** The native <dialog>: focus trapping, Escape and the backdrop come from the browser. */
export function Dialog({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null)
  const { t } = useI18n()
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog ref={ref} class="dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
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
