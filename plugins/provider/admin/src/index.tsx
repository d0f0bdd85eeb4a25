// Provider settings and the virtual phone page arrive with the setup wizard; the plugin registers itself.
export default {
  register() {},
  bootstrap() {},
};
