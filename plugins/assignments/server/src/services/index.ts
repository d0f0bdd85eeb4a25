import booking from './booking';
import bookings from './bookings';
import bookingLifecycle from './booking-lifecycle';

export default { booking, bookings, 'booking-lifecycle': bookingLifecycle };
