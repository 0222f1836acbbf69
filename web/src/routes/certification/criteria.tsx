import { useState } from 'preact/hooks'
import type { CriteriaSetContent } from '../../../../kernel/domain/certification/criteria.ts'
import { can } from '../../../../kernel/policy.ts'
import { vietnamToday } from '../../../../kernel/calendar.ts'
import { endpoint, sendJson } from '../../api.ts'
import { useActor, useMe } from '../../auth.tsx'
import { ErrorState, Loading } from '../../components/states.tsx'
import { formatDate } from '../../i18n/i18n.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { useCertI18n } from './messages.ts'

/** The province's criteria (decision 0037): read by everyone here; a province admin edits thresholds and confirms. */
export default function CriteriaPage() {
  const { c, locale } = useCertI18n()
  const province = useMe().province?.code ?? ''
  const mayConfirm = can(useActor(), 'certification:configure')
  const [load, reload] = useResource(endpoint('GET /api/p/:province/certification/criteria', { province }))
  const [draft, setDraft] = useState<CriteriaSetContent | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState<number | null>(null)
  if (load.status === 'loading') return <Loading />
  if (load.status === 'error') return <ErrorState error={load.error} onRetry={reload} />
  const { current, versions } = load.data.data
  const content = draft ?? current.content
  const latest = versions.at(-1)
  async function confirm() {
    setError(null)
    try {
      const res = await sendJson(endpoint('PUT /api/p/:province/certification/criteria', { province }), { basedOnVersion: current.setVersion, content })
      setDone(res.data.setVersion)
      setDraft(null)
      reload()
    } catch (e) {
      setError(e)
    }
  }
  return (
    <section>
      <h1>{c('cert.criteria.title')}</h1>
      <p data-testid="criteria-state">
        {current.confirmed && latest
          ? c('cert.criteria.version', { version: latest.setVersion, date: formatDate(latest.confirmedAt) })
          : c('cert.criteria.shipped')}
      </p>
      <p>{content.legalBasis}</p>
      {mayConfirm && (
        <p>
          <label>
            {c('cert.criteria.target')}{' '}
            <input
              type="number"
              name="target"
              min={0}
              max={100}
              value={content.targetSharePercent}
              onInput={(e) => setDraft({ ...content, targetSharePercent: Number((e.target as HTMLInputElement).value) })}
            />
          </label>{' '}
          <label>
            {c('cert.criteria.reviewerLabel')}{' '}
            <input
              name="reviewer"
              value={content.reviewerLabel}
              onInput={(e) => setDraft({ ...content, reviewerLabel: (e.target as HTMLInputElement).value })}
            />
          </label>
        </p>
      )}
      <div class="table-scroll">
        <table>
          <tbody>
            {content.criteria.map((x, i) => (
              <tr key={x.code}>
                <td>{x.code}</td>
                <td>
                  {locale === 'en' ? x.textEn : x.textVi}
                  {x.placeholder && <small> ({c('cert.placeholder')})</small>}
                </td>
                <td>
                  {mayConfirm ? (
                    <input
                      type="number"
                      step="any"
                      min={0}
                      aria-label={`${c('cert.criteria.threshold')} ${x.code}`}
                      value={x.threshold}
                      onInput={(e) =>
                        setDraft({
                          ...content,
                          criteria: content.criteria.map((y, j) => (j === i ? { ...y, threshold: Number((e.target as HTMLInputElement).value) } : y)),
                        })
                      }
                    />
                  ) : (
                    `${x.comparator} ${x.threshold}`
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mayConfirm && (
        <p>
          <button type="button" class="primary" onClick={() => void confirm()}>
            {c('cert.criteria.confirm')}
          </button>{' '}
          {done !== null && <span role="status">{c('cert.criteria.confirmed', { version: done })}</span>}
        </p>
      )}
      {error !== null && <ErrorState error={error} />}
      {mayConfirm && <Population province={province} />}
    </section>
  )
}

function Population({ province }: { province: string }) {
  const { c } = useCertI18n()
  const [form, setForm] = useState({ communeCode: '', year: vietnamToday(new Date()).slice(0, 4), population: '', source: '' })
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  async function save() {
    setError(null)
    setSaved(false)
    try {
      await sendJson(endpoint('POST /api/p/:province/certification/populations', { province }), {
        ...form,
        year: Number(form.year),
        population: Number(form.population),
      })
      setSaved(true)
    } catch (e) {
      setError(e)
    }
  }
  return (
    <fieldset>
      <legend>{c('cert.pop.title')}</legend>
      {(
        [
          ['communeCode', 'cert.pop.commune'],
          ['year', 'cert.year'],
          ['population', 'cert.pop.count'],
          ['source', 'cert.source'],
        ] as const
      ).map(([k, label]) => (
        <label key={k}>
          {c(label)} <input name={`pop-${k}`} value={form[k]} onInput={(e) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value })} />
        </label>
      ))}
      <button type="button" onClick={() => void save()}>
        {c('cert.pop.save')}
      </button>
      {saved && <span role="status">{c('cert.saved')}</span>}
      {error !== null && <ErrorState error={error} />}
    </fieldset>
  )
}
