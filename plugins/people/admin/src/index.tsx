// The people plugin has no admin page yet: profiles change only through the profile API.
export default {
  register() {},
  bootstrap() {},
};
