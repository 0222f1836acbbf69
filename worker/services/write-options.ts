import type { TenantTx } from '../../db/types.ts'

/**
 * Options of the services that write a client-identified record (createPerson, updatePerson, createPlan,
 * transitionPlan, createReview, addFollowUp).
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
