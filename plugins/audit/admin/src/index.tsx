// The audit plugin has no admin page yet; its events show in the Messages inbox's audit panel.
export default {
  register() {},
  bootstrap() {},
};
