// The activity log's and the community models' writes, all offline-capable (decision 0033): merged into
// offlineCommands (index.ts), so the runner, POST /sync/push and the phone's overlay all know them.
import type { AnyCommand } from './command.ts'
import { activityCreate } from './activity-create.ts'
import { activityUpdate } from './activity-update.ts'
import { modelCreate } from './model-create.ts'
import { modelMemberAdd } from './model-member-add.ts'
import { modelMemberRemove } from './model-member-remove.ts'
import { modelSessionCreate } from './model-session-create.ts'
import { modelUpdate } from './model-update.ts'

export const communityCommands = {
  'activity.create': activityCreate,
  'activity.update': activityUpdate,
  'model.create': modelCreate,
  'model.update': modelUpdate,
  'model.member_add': modelMemberAdd,
  'model.member_remove': modelMemberRemove,
  'model_session.create': modelSessionCreate,
} as const satisfies Record<string, AnyCommand>
