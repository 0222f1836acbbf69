// The SPA's fetch wrapper is typed by the kernel's contract: what an endpoint answers, which parameters its path
// needs, and which endpoints exist at all. Checked by `npm run typecheck`; each @ts-expect-error must be an error.
import { expectTypeOf } from 'vitest'
import type { Caseload, Person } from '../../kernel/contract/cases.ts'
import type { Data, Page } from '../../kernel/contract/endpoints.ts'
import type { Me } from '../../kernel/contract/identity.ts'
import { endpoint, getJson, sendJson, type ApiErrorCode } from '../../web/src/api.ts'
import { useResource, type Resource } from '../../web/src/lib/use-resource.ts'

expectTypeOf(getJson(endpoint('GET /api/me'))).resolves.toEqualTypeOf<Data<Me>>()
expectTypeOf(getJson(endpoint('GET /api/p/:province/caseload', { province: '01' }))).resolves.toEqualTypeOf<Caseload>()
expectTypeOf(getJson(endpoint('GET /api/p/:province/persons', { province: '01' }, { q: 'an' }))).resolves.toEqualTypeOf<Page<Person>>()
expectTypeOf(sendJson(endpoint('POST /api/auth/login'), { username: 'u', password: 'p' })).resolves.toEqualTypeOf<Data<Me>>()
expectTypeOf(useResource(endpoint('GET /api/me'))[0]).toEqualTypeOf<Resource<Data<Me>>>()

// @ts-expect-error an endpoint the contract does not have
endpoint('GET /api/p/:province/nowhere', { province: '01' })
// @ts-expect-error the path's :province is required
endpoint('GET /api/p/:province/caseload')
// @ts-expect-error a parameter the path does not have
endpoint('GET /api/p/:province/caseload', { province: '01', commune: '00127' })
// @ts-expect-error a read is not sent with a body
void sendJson(endpoint('GET /api/me'))
export async function readsOnlyWhatTheContractHas() {
  const { data } = await getJson(endpoint('GET /api/me'))
  // @ts-expect-error the contract's Me has no e-mail address
  return data.email
}

// The codes an ApiError carries are the contract's (kernel/contract/errors.ts) and the wrapper's own.
expectTypeOf<'username_taken'>().toExtend<ApiErrorCode>()
expectTypeOf<'network'>().toExtend<ApiErrorCode>()
expectTypeOf<'usename_taken'>().not.toExtend<ApiErrorCode>()
