import { useState } from 'preact/hooks'
import { vietnamToday } from '../../../kernel/calendar.ts'
import type { TargetsView } from '../../../kernel/contract/targets.ts'
import { can } from '../../../kernel/policy.ts'
import { endpoint } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { SelectField } from '../components/field.tsx'
import { ErrorState, Loading } from '../components/states.tsx'
import { TargetsTable } from '../components/targets-table.tsx'
import { useTargetsText } from '../components/targets-text.ts'
import { formatDate, formatNumber } from '../i18n/i18n.tsx'
import { useResource } from '../lib/use-resource.ts'
import { PlanEditor } from './targets-editor.tsx'

/**
 * The province's yearly plan and its targets against achievement counted from the records (decision 0036).
 * Everyone with target:read sees it (a commune officer: the province and their communes); a province admin edits
 * it. Online only: the province's totals come from every commune's records, which no phone holds.
 */
export default function TargetsPage() {
  const me = useMe()
  const actor = useActor()
  const { tt } = useTargetsText()
  const province = me.province?.code ?? ''
  const thisYear = Number(vietnamToday(new Date()).slice(0, 4))
  const [year, setYear] = useState(thisYear)
  const [place, setPlace] = useState('')
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState<TargetsView | null>(null)
  const [load, reload] = useResource(endpoint('GET /api/p/:province/targets/:year', { province, year: String(year) }))
  const view = saved?.year === year ? saved : load.status === 'ready' ? load.data.data : null
  const years = [...new Set([thisYear + 1, thisYear, thisYear - 1, ...(view?.years ?? [])])].sort((a, b) => b - a)
  const shown = view?.places.find((p) => (p.communeCode ?? '') === place) ?? view?.places[0]
  const mayEdit = can(actor, 'target:write', { province })
  return (
    <section>
      <div class="page-head">
        <h1>{tt('title')}</h1>
        {mayEdit && view && !editing && (
          <button type="button" class="primary" onClick={() => setEditing(true)}>
            {view.plan ? tt('edit') : tt('create', { year })}
          </button>
        )}
      </div>
      <div class="filters">
        <SelectField
          label={tt('year')}
          value={String(year)}
          onChange={(e) => {
            setYear(Number(e.currentTarget.value))
            setEditing(false)
          }}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        {view && !editing && (
          <SelectField
            label={tt('place')}
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
            options={view.places.map((p) => ({ value: p.communeCode ?? '', label: p.communeName ?? tt('province') }))}
          />
        )}
      </div>
      {!view && load.status === 'loading' && <Loading />}
      {!view && load.status === 'error' && <ErrorState error={load.error} onRetry={reload} />}
      {view && editing && (
        <PlanEditor
          province={province}
          view={view}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setSaved(next)
            setEditing(false)
          }}
          onReload={() => {
            setSaved(null)
            setEditing(false)
            reload()
          }}
        />
      )}
      {view && !editing && (
        <>
          <PlanHeading view={view} />
          {shown && <TargetsTable view={view} place={shown} />}
        </>
      )}
    </section>
  )
}

function PlanHeading({ view }: { view: TargetsView }) {
  const { tt } = useTargetsText()
  const { plan, progress } = view
  return (
    <div class="card">
      {plan ? (
        <>
          <p>
            <strong>{tt('plan', { number: plan.number, date: formatDate(plan.issuedOn) })}</strong> · {plan.title}
          </p>
          <p class="muted">
            {tt('signer', { signer: plan.signer })} · {tt('version', { version: plan.version })}
          </p>
        </>
      ) : (
        <p>{tt('noPlan', { year: view.year })}</p>
      )}
      <p class="muted">
        {progress.asOf
          ? tt('asOf', { date: formatDate(progress.asOf), share: formatNumber(Math.round(progress.elapsedShare * 100)) })
          : tt('notStarted', { year: view.year })}
      </p>
    </div>
  )
}
