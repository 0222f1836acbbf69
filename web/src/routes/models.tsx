import { useState } from 'preact/hooks'
import type { ModelRecord } from '../../../kernel/community-records.ts'
import { can } from '../../../kernel/policy.ts'
import { endpoint } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { Dialog } from '../components/dialog.tsx'
import { ModelForm } from '../components/model-forms.tsx'
import { OfflineGate } from '../components/offline-gate.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatNumber, useI18n } from '../i18n/i18n.tsx'
import { worksOffline } from '../lib/actor.ts'
import { useResource } from '../lib/use-resource.ts'
import { createModel } from '../offline/community-writes.ts'
import { useSyncStatus } from '../offline/status.ts'
import { useLocalData } from '../offline/use-local.ts'

/** The commune's community models (decision 0033). */
export default function ModelsPage() {
  const actor = useActor()
  const me = useMe()
  const { t } = useI18n()
  return (
    <section>
      <h1>{t('models.title')}</h1>
      {worksOffline(actor) ? <LocalModels /> : <OnlineModels province={me.province?.code ?? ''} />}
    </section>
  )
}

function OnlineModels({ province }: { province: string }) {
  const [load, reload] = useResource(endpoint('GET /api/p/:province/models', { province }, { limit: '200' }))
  if (load.status === 'loading') return <Loading />
  if (load.status === 'error') return <ErrorState error={load.error} onRetry={reload} />
  return <ModelList models={load.data.data} />
}

function LocalModels() {
  const { t } = useI18n()
  const actor = useActor()
  const local = useLocalData()
  const { phase } = useSyncStatus()
  const [creating, setCreating] = useState(false)
  if (local.status === 'loading') return <Loading />
  const members = local.view.modelMembers ?? []
  const models = [...(local.view.models ?? [])].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name))
  return (
    <OfflineGate complete={local.complete} phase={phase}>
      {can(actor, 'community:write') && (
        <p>
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            {t('models.new')}
          </button>
        </p>
      )}
      <ModelList models={models} pending={local.view.pending} memberCount={(id) => members.filter((m) => m.modelId === id && m.leftOn === null).length} />
      <Dialog title={t('models.new')} open={creating} onClose={() => setCreating(false)}>
        {creating && (
          <ModelForm
            communes={local.communes.filter((c) => actor.communes.includes(c.code))}
            save={async (body) => void (await createModel(body))}
            onDone={() => setCreating(false)}
          />
        )}
      </Dialog>
    </OfflineGate>
  )
}

function ModelList({ models, pending, memberCount }: { models: readonly ModelRecord[]; pending?: ReadonlySet<string>; memberCount?: (id: string) => number }) {
  const { t } = useI18n()
  if (models.length === 0) return <Empty>{t('models.empty')}</Empty>
  return (
    <ul class="cards">
      {models.map((m) => (
        <li key={m.id} class="card">
          <p>
            <a href={`/models/${m.id}`}>
              <strong>{m.name}</strong>
            </a>
            {m.status === 'dissolved' && <span class="badge"> {t('models.dissolved')}</span>}
            {pending?.has(m.id) && (
              <>
                {' '}
                <span class="badge badge--queued">{t('sync.queued')}</span>
              </>
            )}
          </p>
          <p class="muted">
            {t(`model.kind.${m.kind}`)} · {t('models.helperCount', { count: formatNumber(m.helpers.length) })}
            {memberCount && ` · ${t('models.memberCount', { count: formatNumber(memberCount(m.id)) })}`}
          </p>
        </li>
      ))}
    </ul>
  )
}
