/**
 * Merging message lists without duplicates or order errors (DOMAIN.md "Ordering, idempotency, sync") is one pure
 * module of the messaging plugin, shared with the server and the staff inbox; the web app reads it from there.
 */
export { compareIds, isValidMessageId, olderId } from '../../../plugins/messaging/server/src/domain/snowflake';
export {
  LOCAL_ID_PREFIX,
  isLocalMessage as isLocalEcho,
  latestServerId,
  localEchoId,
  mergeMessages,
  type MergeResult,
  type OrderedMessage,
} from '../../../plugins/messaging/server/src/domain/ordering';
export { resyncCursor, resyncDelayMs } from '../../../plugins/messaging/server/src/domain/delivery-sequence';
