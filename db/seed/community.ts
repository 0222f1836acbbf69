// Synthetic activity log and community models for the demo communes (decision 0033): a year of the lines a
// quarterly review counts, a B93 club and a volunteer team per commune (a counselling point in the first) with
// their sessions, and some of the commune's post-rehab people as members. Pure and deterministic; invented names.
import type { ActivityRecord, ModelMemberRecord, ModelRecord, ModelSessionRecord } from '../../kernel/community-records.ts'
import { ACTIVITY_RULES } from '../../kernel/domain/activity-rules.ts'
import { activityKinds, activityOrganisers, traineeGroups, type CommunityModelKind } from '../../kernel/vocabulary.ts'
import { addDays } from './days.ts'
import { Random } from './random.ts'

export interface CommunityDemo {
  activities: ActivityRecord[]
  models: ModelRecord[]
  members: ModelMemberRecord[]
  sessions: ModelSessionRecord[]
}

const HELPER_NAMES = ['Nguyễn Thị Hoa (thử)', 'Trần Văn Bình (thử)', 'Lê Thị Mai (thử)', 'Phạm Văn Toàn (thử)', 'Hoàng Thị Lan (thử)', 'Vũ Văn Hải (thử)']
const ORGANISATIONS = ['Công an xã', 'Hội Liên hiệp Phụ nữ', 'Đoàn Thanh niên', 'Mặt trận Tổ quốc', 'Hội Cựu chiến binh']

/** `uuid`-shaped, deterministic ids (version-4 layout) so that the API's id checks accept them. */
function idOf(rng: Random): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export function generateCommunityDemo(opts: {
  seed: number
  now: Date
  communes: readonly string[]
  postRehab: Readonly<Record<string, readonly string[]>>
}): CommunityDemo {
  const rng = new Random(opts.seed, 33)
  const today = opts.now.toISOString().slice(0, 10)
  const at = opts.now.toISOString()
  const stamps = { version: 1, createdAt: at, createdBy: null, updatedAt: at, updatedBy: null }
  const out: CommunityDemo = { activities: [], models: [], members: [], sessions: [] }
  for (const [index, communeCode] of opts.communes.entries()) {
    for (let i = 0; i < 24; i++) {
      const kind = rng.pick(activityKinds)
      const rule = ACTIVITY_RULES[kind]
      const count = kind === 'leaflet' ? rng.int(100, 2000) : kind === 'broadcast' ? rng.int(2, 30) : kind === 'public_tips' ? rng.int(1, 12) : rng.int(1, 3)
      out.activities.push({
        id: idOf(rng),
        communeCode,
        kind,
        heldOn: addDays(today, -rng.int(0, 360)),
        organiser: kind === 'school_session' ? 'school' : rng.pick(activityOrganisers),
        topic: rule.topic === 'none' ? null : 'Luật Phòng, chống ma túy năm 2021',
        count,
        participants: rule.participants === 'none' ? null : rng.int(15, 200),
        traineeGroup: rule.traineeGroup === 'none' ? null : rng.pick(traineeGroups),
        casesOpened: rule.casesOpened === 'none' ? null : rng.int(0, count),
        valueVnd: rule.valueVnd === 'none' ? null : count * 500_000,
        ...stamps,
      })
    }
    const kinds: CommunityModelKind[] = index === 0 ? ['b93_club', 'volunteer_team', 'counselling_point'] : ['b93_club', 'volunteer_team']
    for (const kind of kinds) {
      const founded = addDays(today, -rng.int(400, 900))
      const model: ModelRecord = {
        id: idOf(rng),
        communeCode,
        kind,
        name: { b93_club: 'CLB B93', volunteer_team: 'Đội công tác xã hội tình nguyện', counselling_point: 'Điểm tư vấn cộng đồng' }[kind as string] ?? kind,
        decision: { number: `${rng.int(10, 400)}/QĐ-UBND`, date: founded, signer: 'Chủ tịch UBND (thử)', signerRole: 'commune_chair', body: 'UBND xã (thử)' },
        helpers: Array.from({ length: rng.int(3, 6) }, (_, h) => ({
          name: HELPER_NAMES[h]!,
          organisation: rng.pick(ORGANISATIONS),
          role: h === 0 ? 'chủ nhiệm' : 'thành viên',
        })),
        status: 'active',
        dissolvedOn: null,
        ...stamps,
      }
      out.models.push(model)
      if (kind === 'b93_club') {
        for (const personId of (opts.postRehab[communeCode] ?? []).slice(0, 8)) {
          out.members.push({ id: idOf(rng), modelId: model.id, personId, communeCode, joinedOn: addDays(today, -rng.int(30, 300)), leftOn: null, ...stamps })
        }
      }
      // Monthly meetings over the last year.
      for (let month = 0; month < 12; month++) {
        const counselling = kind === 'counselling_point'
        const clientsNew = counselling ? rng.int(0, 3) : null
        const clientsReturning = counselling ? rng.int(5, 20) : null
        out.sessions.push({
          id: idOf(rng),
          modelId: model.id,
          communeCode,
          heldOn: addDays(today, -(month * 30 + rng.int(0, 20))),
          attendance: counselling ? (clientsNew ?? 0) + (clientsReturning ?? 0) : rng.int(5, 10),
          topic: counselling ? null : 'Sinh hoạt định kỳ',
          clientsNew,
          clientsReturning,
          counselled: counselling ? (clientsNew ?? 0) + (clientsReturning ?? 0) : null,
          allowancesVnd: kind === 'volunteer_team' ? model.helpers.length * 200_000 : null,
          ...stamps,
        })
      }
    }
  }
  return out
}
