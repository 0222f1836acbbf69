import { useEffect, useRef } from 'preact/hooks'
import { useI18n } from '../i18n/i18n.tsx'

/**
 * "Show more" at the end of a paged list: it loads the next page by itself when it scrolls into view (the
 * officer just keeps scrolling) and stays a button for browsers without IntersectionObserver and for keyboards.
 */
export function More({ loading, onMore }: { loading: boolean; onMore: (() => void) | null }) {
  const { t } = useI18n()
  const button = useRef<HTMLButtonElement>(null)
  const latest = useRef(onMore)
  latest.current = onMore
  const visible = !loading && onMore !== null
  useEffect(() => {
    const el = button.current
    if (!visible || !el || typeof IntersectionObserver === 'undefined') return
    const watch = new IntersectionObserver((seen) => {
      if (seen.some((e) => e.isIntersecting)) latest.current?.()
    })
    watch.observe(el)
    return () => watch.disconnect()
  }, [visible])
  if (!visible) return null
  return (
    <button type="button" ref={button} onClick={onMore}>
      {t('persons.more')}
    </button>
  )
}
