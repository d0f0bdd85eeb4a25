import booking from './booking';
import adminBookings from './admin-bookings';
import adminWindows from './admin-windows';
import sitterWindows from './sitter-windows';

export default { booking, 'admin-bookings': adminBookings, 'admin-windows': adminWindows, 'sitter-windows': sitterWindows };
