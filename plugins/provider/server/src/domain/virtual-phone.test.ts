import { VIRTUAL_PHONE_OFF_IN_PRODUCTION, virtualPhoneReplyRefusal } from './virtual-phone';

describe('virtualPhoneReplyRefusal', () => {
  it.each([
    ['production', VIRTUAL_PHONE_OFF_IN_PRODUCTION],
    ['development', null],
    ['test', null],
    [undefined, null],
  ])('NODE_ENV=%s → %p', (nodeEnv, refusal) => {
    expect(virtualPhoneReplyRefusal(nodeEnv)).toBe(refusal);
  });

  it('says why and what to do instead, as a sentence', () => {
    expect(VIRTUAL_PHONE_OFF_IN_PRODUCTION).toMatch(/^The virtual phone .* production\. .*\.$/);
  });
});
