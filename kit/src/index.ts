export {
  ApplicationError,
  ValidationError,
  NotFoundError,
  ForbiddenError,
  UnauthorizedError,
  RateLimitError,
  PayloadTooLargeError,
  ConflictError,
  ProviderUnavailableError,
  ServiceUnavailableError,
  DATABASE_UNAVAILABLE_SENTENCE,
  isDatabaseUnavailable,
  asRefusal,
  STATUS_BY_NAME,
  statusOf,
  toAck,
} from './errors';
export type { FailedAck } from './errors';
export { parseInput } from './parse-input';
export { serviceGetter } from './services';
export { registerAdminActions, guardedAdminRoute } from './admin-actions';
export type { AdminAction } from './admin-actions';
export { definePlugin } from './plugin';
export { displayNumber } from './phone-display';
export { publishDomainEvent, onDomainEvent, DOMAIN_EVENT_PREFIX } from './domain-events';
export type { DomainEvent } from './domain-events';
export { csvStream, csvTable, defuseSpreadsheetFormula } from './csv';
export { settingNumber, settingText, settingsSection, storedSettings } from './settings';
export type { SettingRange } from './settings';
export { inSpan, activeTraceId, traceCarrier, withTraceCarrier, switchboardTracer } from './tracing';
export { batchedPrepared, compiledOnce, preparedRaw, preparedName, quoteLiteral, type BatchOptions, type LiteralOf } from './prepared';
export { boundedMemo } from './memo';
export { readAll } from './reads';
export { freshCache } from './fresh-cache';
export type { FreshCache } from './fresh-cache';
export type { Span as TraceSpan } from '@opentelemetry/api';
