import { useRoute } from 'preact-iso'
import { useEffect, useMemo, useState } from 'preact/hooks'
import { endpoint } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { worksOffline } from '../lib/actor.ts'
import { PersonBody, type PersonActions, type PersonData } from '../components/person-body.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { useI18n } from '../i18n/i18n.tsx'
import { useResource } from '../lib/use-resource.ts'
import { useLocalData } from '../offline/use-local.ts'
import { useSyncStatus } from '../offline/status.ts'
import { personView } from '../offline/view.ts'
import { useOnline } from '../lib/use-online.ts'
import { OfflineGate } from '../components/offline-gate.tsx'
import { can } from '../../../kernel/policy.ts'
import type { TimelineEvent } from '../../../kernel/contract/cases.ts'
import { caseRulesOf } from '../../../kernel/domain/case-rules.ts'
import type { LegalRecords as LegalRecordsView, legalEvents } from '../components/legal-records.tsx'

/**
 * The legal section is a chunk of its own (its rules and vocabularies weigh more than the rest of the page); the
 * phone's timeline takes the law's records' events from it too (the kernel's legalEvents, as the server's).
 */
function useLegalRecords(): { LegalRecords: typeof LegalRecordsView; legalEvents: typeof legalEvents } | null {
  const [chunk, setChunk] = useState<{ LegalRecords: typeof LegalRecordsView; legalEvents: typeof legalEvents } | null>(null)
  useEffect(() => {
    void import('../components/legal-records.tsx').then((m) => setChunk({ LegalRecords: m.LegalRecords, legalEvents: m.legalEvents }))
  }, [])
  return chunk
}

/** Commune officers read and write through the offline store; other roles read the API. */
export default function PersonPage() {
  const me = useMe()
  const { params } = useRoute()
  const province = me.province?.code ?? ''
  const actor = useActor()
  if (worksOffline(actor)) return <OfficerPerson id={params.id ?? ''} province={province} />
  return <ReaderPerson id={params.id ?? ''} province={province} mayAudit={can(actor, 'audit:read_province', { province })} />
}

function ReaderPerson({ id, province, mayAudit }: { id: string; province: string; mayAudit: boolean }) {
  const { t } = useI18n()
  const LegalRecords = useLegalRecords()?.LegalRecords
  const params = { province, personId: id }
  const [timeline, reloadTimeline] = useResource(endpoint('GET /api/p/:province/persons/:personId/timeline', params))
  const [plans, reloadPlans] = useResource(endpoint('GET /api/p/:province/persons/:personId/plans', params))
  const [records] = useResource(endpoint('GET /api/p/:province/persons/:personId/post-rehab', params))
  // The province's case rules, for the earliest completion day the plan card shows.
  const [settings] = useResource(endpoint('GET /api/p/:province/settings', { province }))
  const [legal] = useResource(endpoint('GET /api/p/:province/persons/:personId/legal-records', params))
  const [periods] = useResource(endpoint('GET /api/p/:province/persons/:personId/management-periods', params))
  if (timeline.status === 'loading' || plans.status === 'loading') return <Loading />
  if (timeline.status === 'error') return <ErrorState error={timeline.error} onRetry={reloadTimeline} />
  if (plans.status === 'error') return <ErrorState error={plans.error} onRetry={reloadPlans} />
  const data: PersonData = {
    ...timeline.data.data,
    plans: plans.data.data,
    activeRecordId: records.status === 'ready' ? (records.data.data.find((r) => r.status === 'active')?.id ?? null) : null,
    postRehab: records.status === 'ready' ? records.data.data : [],
    rules: caseRulesOf(settings.status === 'ready' ? settings.data.data.caseRules : undefined),
  }
  const links = mayAudit ? (
    <p>
      <a href={`/persons/${encodeURIComponent(id)}/access`}>{t('audit.whoSaw')}</a>
    </p>
  ) : undefined
  return (
    <>
      <PersonBody data={data} actions={null} links={links} />
      {LegalRecords && legal.status === 'ready' && periods.status === 'ready' && (
        <LegalRecords status={data.person.status} category={data.person.category} data={{ ...legal.data.data, managementPeriods: periods.data.data }} />
      )}
    </>
  )
}

function OfficerPerson({ id, province }: { id: string; province: string }) {
  const { t } = useI18n()
  const me = useMe()
  const legal = useLegalRecords()
  const LegalRecords = legal?.LegalRecords
  const local = useLocalData()
  const status = useSyncStatus()
  const online = useOnline()
  // Online, the server's timeline adds what the phone does not hold (history older than the pull's).
  const [server] = useResource(online ? endpoint('GET /api/p/:province/persons/:personId/timeline', { province, personId: id }) : null)
  const view = local.status === 'ready' ? personView(local.view, id, legal?.legalEvents) : null
  const problems = local.status === 'ready' ? local.entries.filter((e) => e.personId === id && e.state !== 'pending').length : 0

  const actions = useMemo<PersonActions | null>(() => {
    // The queueing code (and the checks it runs) loads with the first save: reading a person needs none of it.
    const writes = () => import('../offline/writes.ts')
    if (!view) return null
    const { person, postRehab } = view
    return {
      createPlan: async (body) => (await writes()).createPlan(person.id, body),
      transition: (plan) => async (body) => (await writes()).transitionPlan(view.plans.find((p) => p.id === plan.id) ?? { ...plan, transitions: [] }, body),
      complete: (plan) => async (body) => (await writes()).completePlan(view.plans.find((p) => p.id === plan.id) ?? { ...plan, transitions: [] }, body),
      updateStage: (plan) => async (body) => (await writes()).updateStage(view.plans.find((p) => p.id === plan.id) ?? { ...plan, transitions: [] }, body),
      createReview: async (body) => (await writes()).createReview(person, body),
      createFollowUp: (recordId) => async (body) => (await writes()).createFollowUp(postRehab.find((r) => r.id === recordId)!, body),
      recordRelapse: (recordId) => async (body) => (await writes()).recordRelapse(postRehab.find((r) => r.id === recordId)!, body),
      addSupport: async (body) => (await writes()).addSupport(person, body),
      updateDetails: async (fields) => (await writes()).updatePerson(person, fields),
      recordMove: async (body) => (await writes()).recordMove(person, body),
      startMonitoring: async (body) => (await writes()).startMonitoring(person, body),
    }
  }, [view])

  if (local.status === 'loading') return <Loading />
  if (!view) {
    return (
      <OfflineGate complete={local.complete} phase={status.phase}>
        <Empty>{t('error.notFound')}</Empty>
      </OfflineGate>
    )
  }
  const { persons, plans, reviews, postRehab, followUps, support, managementPeriods, determinations, referrals, methadone } = local.view
  const held = [persons, plans, reviews, postRehab, followUps, support, managementPeriods, determinations, referrals, methadone]
  const known = new Set([...held, local.view.handovers ?? [], local.view.monitoring ?? []].flatMap((list) => list.map((r) => r.id)))
  const extra = server.status === 'ready' ? server.data.data.events.filter((e) => !known.has(e.refId) && !local.view.pending.has(e.refId)) : []
  // Who recorded each event: the server's names when online; the officer's own name for their own and queued ones.
  const serverNames = new Map(server.status === 'ready' ? server.data.data.events.map((e) => [`${e.kind} ${e.refId} ${e.at}`, e.byName ?? null]) : [])
  const named = (e: TimelineEvent): TimelineEvent => ({
    ...e,
    byName:
      e.byName ?? serverNames.get(`${e.kind} ${e.refId} ${e.at}`) ?? (e.by === me.id || (!e.by && local.view.pending.has(e.refId)) ? me.displayName : null),
  })
  const events = [...view.events, ...extra].map(named).sort((a, b) => (a.on === b.on ? b.at.localeCompare(a.at) : b.on.localeCompare(a.on)))
  const data: PersonData = {
    person: view.person,
    plans: view.plans,
    activeRecordId: view.postRehab.find((r) => r.status === 'active')?.id ?? null,
    events,
    pending: local.view.pending,
    postRehab: view.postRehab,
    rules: local.caseRules,
  }
  return (
    <>
      {problems > 0 && (
        <p class="notice" role="status">
          {t('sync.personProblems', { count: problems })} <a href="/sync">{t('sync.open')}</a>
        </p>
      )}
      <PersonBody data={data} actions={actions} />
      {LegalRecords && (
        <LegalRecords
          status={view.person.status}
          category={view.person.category}
          data={{
            determinations: local.view.determinations.filter((r) => r.personId === id),
            referrals: local.view.referrals.filter((r) => r.personId === id),
            methadone: local.view.methadone.filter((r) => r.personId === id),
            managementPeriods: local.view.managementPeriods.filter((r) => r.personId === id),
          }}
          officer={view.person}
          rules={local.caseRules}
          pending={local.view.pending}
        />
      )}
    </>
  )
}
