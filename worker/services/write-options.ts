import { AppError } from '../errors.ts'
import type { TenantTx } from '../../db/types.ts'

/**
 * Options of the services that write a client-identified record (createPerson, updatePerson, createPlan,
 * transitionPlan, completePlan, createReview, addFollowUp, recordRelapse, addSupport).
 */
export interface WriteOptions<R> {
  /**
   * Writes that must commit with the service's change or not at all: POST /sync/push stores its receipt here
   * (docs/decisions/0012). Runs inside the service's write transaction, after the change, and also when a
   * replayed client id found the record already there, with the record as the service answers it. Like
   * everything inside writeTransaction it may run more than once (a busy database retries the whole
   * transaction): no other effects.
   */
  inTransaction?: ((tx: TenantTx, record: R) => Promise<void>) | undefined
}

/**
 * A client-generated id that already names a different record (another person's, another commune's). A true
 * replay is answered with the stored record; anything else must not be, or knowing an id would be enough to
 * read a record outside one's scope. The answer says only that the id is taken.
 */
export function idTaken(field = 'json.id'): AppError {
  return new AppError('conflict', 409, `Invalid ${field}: this id is already used by another record; generate a new one`, {
    issues: [{ field, message: 'is already used by another record' }],
  })
}
