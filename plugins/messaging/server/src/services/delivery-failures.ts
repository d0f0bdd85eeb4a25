import type { Core } from '@strapi/strapi';
import { NO_DELIVERY_FAILURES, type DeliveryFailuresPort, type MessageDeliveryFailure } from '../domain/delivery-failures-port';

/** The delivery-failures port (domain/delivery-failures-port.ts, issue 19): compliance fills it at bootstrap (`fill`). */
const deliveryFailures = (_: { strapi: Core.Strapi }) => {
  let port: DeliveryFailuresPort = NO_DELIVERY_FAILURES;
  return {
    fill(implementation: DeliveryFailuresPort): void {
      port = implementation;
    },
    failuresOf: (messageIds: string[]): Promise<Map<string, MessageDeliveryFailure>> => (messageIds.length === 0 ? Promise.resolve(new Map()) : port.failuresOf(messageIds)),
    openFailuresOf: (conversationIds: number[]): Promise<Map<number, number>> => (conversationIds.length === 0 ? Promise.resolve(new Map()) : port.openFailuresOf(conversationIds)),
    threadsWithOpenFailures: (): Promise<number[]> => port.threadsWithOpenFailures(),
  };
};

export type DeliveryFailuresService = ReturnType<typeof deliveryFailures>;
export default deliveryFailures;
