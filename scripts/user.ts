// Central accounts from the command line, for a fresh deployment (there is nobody yet to invite the first one):
//   npm run user:invite-central -- --username nguyen-admin --name "Nguyễn Văn A" [--role central_viewer] --origin https://binhan.example.gov.vn
// Prints the one-time link to hand over. Province accounts are invited in the app by their admins.
import { parseArgs } from 'node:util'
import * as v from 'valibot'
import { DisplayName, Username } from '../worker/schemas/users.ts'
import { inviteUser } from '../worker/services/user-admin.ts'
import { fail, openPlatform, runMain } from './lib/cli.ts'

runMain(async () => {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'central_admin' },
      origin: { type: 'string' },
    },
  })
  const username = v.safeParse(Username, values.username ?? '')
  if (!username.success) fail(`--username ${username.issues[0].message}`)
  const name = v.safeParse(DisplayName, values.name ?? '')
  if (!name.success) fail(`--name ${name.issues[0].message}`)
  const role = values.role
  if (role !== 'central_admin' && role !== 'central_viewer') fail('--role must be central_admin or central_viewer')
  const { config, platform } = await openPlatform()
  const origin = values.origin ?? config.publicOrigin
  const issued = await inviteUser(
    platform.control,
    { at: new Date(), actorId: null, actorRole: 'operator', requestId: null, clientHash: null },
    { username: username.output, displayName: name.output, role, province: null, communes: [] },
  )
  console.log(`Invited ${issued.user.username} (${role}). Hand over this one-time link (valid until ${issued.expiresAt}):`)
  console.log(`${origin}/accept-invite?token=${issued.token}`)
})
