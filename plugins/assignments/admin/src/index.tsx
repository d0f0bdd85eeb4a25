// The Assignments page (calendar of windows) comes with its own issue; until then bookings are in the Content Manager.
export default {
  register() {},
  bootstrap() {},
};
