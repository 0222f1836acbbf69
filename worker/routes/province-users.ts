import { Hono } from 'hono'
import { auditContextOf } from '../audit-context.ts'
import type { AppEnv } from '../env.ts'
import { guard } from '../middleware/auth.ts'
import { administeredRoles } from '../policy.ts'
import { listUsers } from '../repo/users.ts'
import { InviteOfficerBody, ProvinceUserParams, SendLinkBody, UserAccessBody, UserListQuery } from '../schemas/users.ts'
import { validate } from '../schemas/validate.ts'
import { changeAccess, disableUser, enableUser, findManagedUser, inviteUser, issueResetLink } from '../services/user-admin.ts'
import { deliveryAnswer } from '../services/link-delivery.ts'
import { mailedLink, requireMail } from './links.ts'

/** The roles a province admin manages (the policy's). Province admins themselves are managed by central admins. */
const MANAGED = administeredRoles.province_admin

/** User administration of one province, mounted under /api/p/:province/users. */
export const provinceUserRoutes = new Hono<AppEnv>()
  .get('/', guard('user:list'), validate('query', UserListQuery), async (c) => {
    const { status, role, after, limit } = c.req.valid('query')
    const page = await listUsers(c.var.deps.control, {
      province: c.var.tenant.code,
      roles: ['province_admin', ...MANAGED],
      status,
      role,
      after,
      limit,
    })
    return c.json({ data: page.data, next: page.nextAfter })
  })
  .post('/', guard('user:invite'), validate('json', InviteOfficerBody), async (c) => {
    const body = c.req.valid('json')
    const mail = requireMail(c)
    const issued = await inviteUser(c.var.deps.control, auditContextOf(c), { ...body, province: c.var.tenant.code }, mailedLink(c, mail))
    return c.json({ data: deliveryAnswer(issued) }, 201)
  })
  .get('/:userId', guard('user:list'), validate('param', ProvinceUserParams), async (c) => {
    const { province, userId } = c.req.valid('param')
    return c.json({ data: await findManagedUser(c.var.deps.control, { userId, province, roles: ['province_admin', ...MANAGED] }) })
  })
  .post('/:userId/disable', guard('user:manage'), validate('param', ProvinceUserParams), async (c) => {
    const { province, userId } = c.req.valid('param')
    return c.json({ data: await disableUser(c.var.deps.control, auditContextOf(c), { userId, province, roles: MANAGED }) })
  })
  .post('/:userId/enable', guard('user:manage'), validate('param', ProvinceUserParams), async (c) => {
    const { province, userId } = c.req.valid('param')
    return c.json({ data: await enableUser(c.var.deps.control, auditContextOf(c), { userId, province, roles: MANAGED }) })
  })
  .post('/:userId/reset', guard('user:manage'), validate('param', ProvinceUserParams), validate('json', SendLinkBody), async (c) => {
    const { province, userId } = c.req.valid('param')
    const { email } = c.req.valid('json')
    const mail = requireMail(c)
    const issued = await issueResetLink(c.var.deps.control, auditContextOf(c), { userId, province, roles: MANAGED }, mailedLink(c, mail), email)
    return c.json({ data: deliveryAnswer(issued) })
  })
  .put('/:userId/access', guard('user:manage'), validate('param', ProvinceUserParams), validate('json', UserAccessBody), async (c) => {
    const { province, userId } = c.req.valid('param')
    const { role, communes } = c.req.valid('json')
    return c.json({ data: await changeAccess(c.var.deps.control, auditContextOf(c), { userId, province, roles: MANAGED }, role, communes) })
  })
