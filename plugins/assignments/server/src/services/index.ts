import booking from './booking';
import bookings from './bookings';
import bookingLifecycle from './booking-lifecycle';
import windows from './windows';
import transitions from './transitions';
import sitterPort from './sitter-port';
import settings from './settings';
import operations from './operations';
import windowDocuments from './window-documents';
import threadPort from './thread-port';

export default { booking, bookings, 'booking-lifecycle': bookingLifecycle, windows, transitions, 'sitter-port': sitterPort, settings, operations, 'window-documents': windowDocuments, 'thread-port': threadPort };
