// Central accounts from the command line, for a fresh deployment (there is nobody yet to invite the first one):
//   npm run user:invite-central -- --username nguyen-admin --name "Nguyễn Văn A" --email a.nguyen@example.gov.vn [--role central_viewer] --origin https://binhan.example.gov.vn
// Prints the one-time link: the operator at this console is the new account's channel (decision 0018). The
// address is recorded for later resets, which go by e-mail like every other account's. Province accounts are
// invited in the app by their admins, and their links only ever go by e-mail.
import { parseArgs } from 'node:util'
import * as v from 'valibot'
import { isCentral } from '../kernel/policy.ts'
import { roles } from '../kernel/roles.ts'
import { DisplayName, Email, Username } from '../worker/schemas/users.ts'
import type { Deliver } from '../worker/services/link-delivery.ts'
import { inviteUser } from '../worker/services/user-admin.ts'
import { fail, openPlatform, runMain } from './lib/cli.ts'

runMain(async () => {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string', default: 'central_admin' },
      origin: { type: 'string' },
    },
  })
  const username = v.safeParse(Username, values.username ?? '')
  if (!username.success) fail(`--username ${username.issues[0].message}`)
  const name = v.safeParse(DisplayName, values.name ?? '')
  if (!name.success) fail(`--name ${name.issues[0].message}`)
  const email = v.safeParse(Email, values.email ?? '')
  if (!email.success) fail(`--email ${email.issues[0].message}`)
  const central = v.safeParse(v.picklist(roles.filter(isCentral)), values.role)
  if (!central.success) fail('--role must be central_admin or central_viewer')
  const role = central.output
  const { config, platform } = await openPlatform()
  const origin = values.origin ?? config.publicOrigin
  const ctx = { at: new Date(), actorId: null, actorRole: 'operator', requestId: null, clientHash: null }
  // The delivery is this console: audited like an e-mailed one, with the channel named; the link is printed below.
  const byConsole: Deliver = async () => ({ ok: true, sentTo: null, details: { transport: 'console' } })
  const issued = await inviteUser(
    platform.control,
    ctx,
    { username: username.output, displayName: name.output, email: email.output, role, province: null, communes: [] },
    byConsole,
  )
  console.log(`Invited ${issued.user.username} (${role}). Hand over this one-time link in person or by a channel you trust (valid until ${issued.expiresAt}):`)
  console.log(`${origin}/accept-invite?token=${issued.token}`)
})
