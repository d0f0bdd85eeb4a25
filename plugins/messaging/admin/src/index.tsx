// The Messages page arrives with the staff inbox issue; until then the plugin only registers itself.
export default {
  register() {},
  bootstrap() {},
};
