/**
 * The delivery-failures port (issue 19, API.md "Shapes (additions)"): staff read a failed SMS's failure beside the
 * message (`Message.deliveryFailure`), each client thread's open failures (`flags.failedDeliveries`) and the threads
 * with one (`flag=delivery_failure`). The compliance plugin, above messaging, keeps the failures and fills this port at
 * bootstrap; until then nothing has failed as far as these fields go.
 */

/** API.md `Message.deliveryFailure`, staff only. */
export interface MessageDeliveryFailure {
  id: string;
  /** The provider's error in words, with its next step. */
  reason: string;
  attempts: number;
  /** Whether an owner's Retry is offered now. */
  retryable: boolean;
  status: string;
  errorCode: number | null;
}

export interface DeliveryFailuresPort {
  /** Staff reading messages: the open failure of each message (by message id), one question per page. */
  failuresOf(messageIds: string[]): Promise<Map<string, MessageDeliveryFailure>>;
  /** Staff lists: each client thread's open failures (`flags.failedDeliveries`), one question per page. */
  openFailuresOf(conversationIds: number[]): Promise<Map<number, number>>;
  /** `GET /messaging/conversations?flag=delivery_failure`: the threads with an open failure. */
  threadsWithOpenFailures(): Promise<number[]>;
}

export const NO_DELIVERY_FAILURES: DeliveryFailuresPort = {
  async failuresOf() {
    return new Map();
  },
  async openFailuresOf() {
    return new Map();
  },
  async threadsWithOpenFailures() {
    return [];
  },
};
