import directory from './directory';
import conversations from './conversations';
import messages from './messages';
import messageStore from './message-store';
import realtime from './realtime';
import ids from './ids';
import clientThreads from './client-threads';
import metrics from './metrics';
import grants from './grants';
import rateLimits from './rate-limits';
import socketSessions from './socket-sessions';
import numberThreads from './number-threads';
import sitterNotices from './sitter-notices';
import readState from './read-state';
import sitterAccess from './sitter-access';
import threadAssignments from './thread-assignments';
import routing from './routing';

export default { directory, conversations, messages, 'message-store': messageStore, realtime, ids, 'client-threads': clientThreads, grants, metrics, 'rate-limits': rateLimits, 'socket-sessions': socketSessions, 'number-threads': numberThreads, 'sitter-notices': sitterNotices, 'read-state': readState, 'sitter-access': sitterAccess, 'thread-assignments': threadAssignments, routing };
