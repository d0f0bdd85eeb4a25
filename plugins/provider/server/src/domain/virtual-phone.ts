/**
 * The sandbox's virtual phone lets staff play a client texting in. That is for trying Switchboard out: in production
 * a "client reply" typed by staff would be an invented inbound SMS in a real client's thread, so it is refused there.
 */
export const VIRTUAL_PHONE_OFF_IN_PRODUCTION =
  'The virtual phone is for trying Switchboard out and is switched off in production. Real clients text your business numbers, and their messages arrive in Messages.';

/** The sentence refusing a virtual-phone reply in this environment, or null when replies are allowed. */
export function virtualPhoneReplyRefusal(nodeEnv: string | undefined): string | null {
  return nodeEnv === 'production' ? VIRTUAL_PHONE_OFF_IN_PRODUCTION : null;
}
