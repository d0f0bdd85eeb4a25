import booking from './booking';
import adminBookings from './admin-bookings';

export default { booking, 'admin-bookings': adminBookings };
