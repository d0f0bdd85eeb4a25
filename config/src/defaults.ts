/**
 * The product's numbers, each with the spec that sets it. Change them here, nowhere else.
 */
export const defaults = {
  /** PRD §6.2: a Business composes only at or above this profile completeness. */
  profileGatingThreshold: 80,
  /** API.md "Paging". */
  messagesPageDefault: 50,
  messagesPageMax: 200,
  syncMax: 500,
  /** API.md "Bodies" and "Validation limits". */
  bodyHtmlMaxChars: 10_000,
  requestBodyMaxBytes: 1_048_576,
  /** API.md staff list. */
  staffPageSizeDefault: 50,
  staffPageSizeMax: 200,
  /** OPS §3.1: quarantine cooldown. */
  quarantineCooldownDays: 90,
  /** OPS §3.1 health: yellow from this many delivery errors in 7 days, red from the second figure (numbers' settings). */
  numberHealthWarningErrors: 1,
  numberHealthCriticalErrors: 3,
  quarantineCooldownMinDays: 30,
  /** OPS §3.8: the settings page allows a cooldown of at most a year. */
  quarantineCooldownMaxDays: 365,
  /**
   * PRD §10 client figures (`metrics:report`): a socket may report this often, with this many samples, so one
   * client cannot move the service-level figures.
   */
  clientReportsPerMinute: 6,
  clientReportBurst: 2,
  clientReportMaxSamples: 50,
  /** A client reports every 15 s; a hundred reconnects (or order repairs) in that time is already far past anything real. */
  clientReportMaxCount: 100,
  /**
   * API.md "Demo accounts": app sign-in (POST /api/auth/local) outside production. users-permissions counts per
   * client address and path, not per account, so this must cover every demo login in a minute plus a test file
   * that signs in from 127.0.0.1 again and again; still a limit, so a password cannot be guessed at full speed.
   * Production keeps users-permissions' own 10 a minute.
   */
  loginRateLimitOutsideProduction: { interval: 60_000, max: 100 },
  /** Provider delivery: OPS §4.7. */
  deliveryMaxAttempts: 3,
  /**
   * DOMAIN.md "Time zone": the organisation until an owner names it (people plugin; the setup wizard asks). The demo
   * seeds "Acme Pets" in America/Los_Angeles.
   */
  organisation: { name: 'My business', timeZone: 'UTC' },
  /** API.md "Operations plugins": list paging of every console route. */
  consolePageSizeDefault: 50,
  consolePageSizeMax: 200,
  /** DOMAIN.md "Pool numbers" (OPS §4.5): a pool number stays with its thread this long after the booking ended. */
  poolThreadGraceHours: 24,
  /** The settings page allows a grace of 0 to 7 days. */
  poolThreadGraceHoursMax: 168,
  /** API.md "Setup and system settings" `routing.poolAutoResponse` (OPS §4.4): what an unmapped pool sender is told. */
  poolAutoResponse: "Thanks for your message. We'll get back to you shortly.",
  /** DOMAIN.md "A sitter change": assignments' `templates.reassignment`. */
  reassignmentTemplate: 'Hi {{client.firstName}}, from now on {{sitter.firstName}} is your sitter. Keep texting this number.',
  /**
   * OPS §4.8 "Sends warning to sender (if configured)": policy's `policy.warnSender`. A sitter whose message was
   * blocked hears a reminder in their Admin team thread. Enforcement itself has no switch (OPS §2.1 wins over §3.8).
   */
  policyWarnSender: true,
  /**
   * API.md "Compliance" (OPS §4.7): an SMS still queued or sending this long is `stuck` in the delivery-failures feed
   * (the provider's known crash window: accepted, but its id never stored).
   */
  deliveryStuckMinutes: 10,
  /** OPS §3.5 "SLA compliance (response within X minutes)": compliance's `compliance.slaMinutes`. */
  complianceSlaMinutes: 15,
  /** OPS §3.5 "Export limits": at most this many rows per CSV export. */
  exportMaxRows: 10_000,
  /** Issue 18 item 5: the review page counts each sitter's and each client's violations over this many days. */
  policyRepeatWindowDays: 30,
  /**
   * Issue 20 (OPS §3.6): automations' own settings (`automations.*`). A run that fails this many times in a row pauses
   * its automation (the circuit breaker); one automation's action may set off another only this deep (a loop is cut);
   * a client hears at most this many automated SMS in 24 hours; `automationQuietHours` (local to the organisation,
   * null = none) defers automated SMS to the end of the quiet period.
   */
  automationFailureThreshold: 5,
  automationMaxDepth: 3,
  automationClientDailyCap: 5,
  automationQuietHours: null as null | { start: string; end: string },
  /** A window trigger looks back this far for edges it has not fired (a node that was down catches up this much). */
  automationWindowLookbackMinutes: 60,
  /**
   * Issue 21 (OPS §3.7 "Delivery failures exceeding threshold", API.md `provider_error`): alerts' own thresholds. A
   * `provider_error` alert opens when more than this share of the SMS sent in the window failed, with at least this
   * many sent.
   */
  alertFailureRatePercent: 5,
  alertFailureRateWindowMinutes: 60,
  alertFailureRateMinSends: 20,
  /** `provider_error` also when more webhooks than this were refused for their signature in the window… */
  alertWebhookRefusalsMax: 20,
  /** …or more SMS than this wait in the delivery queue. */
  alertDeliveryBacklogMax: 500,
  /** Accounts an owner creates without an e-mail provider get a one-time password this long (shown once). */
  oneTimePasswordLength: 16,
} as const;

export type Defaults = typeof defaults;
