import { activationImpact } from './sitter-activation';

describe('what activating or deactivating a sitter will do (OPS §4.1, §4.2)', () => {
  it.each([
    [
      'activation assigns a masked number and tells the sitter',
      { action: 'activate' as const, sitter: 'Nia Sitter', e164: '+14155550140' },
      [
        'Masked number +14155550140 will be assigned to Nia Sitter.',
        'Nia Sitter will be told: "You\'ve been activated. Your masked number is +14155550140."',
        'Then you will see: "Sitter Nia Sitter activated. Masked number +14155550140 assigned."',
      ],
    ],
    [
      'deactivation quarantines the number and moves its threads to the owner inbox',
      { action: 'deactivate' as const, sitter: 'Sam Sitter', e164: '+14155550120', threadsMoving: 2, movingTo: { e164: '+14155550100', frontDesk: true }, cooldownDays: 90 },
      [
        'Number +14155550120 will be quarantined for 90 days.',
        '2 threads will be reassigned to the owner inbox.',
        'Sam Sitter will no longer be able to message clients.',
        'Then you will see: "Sitter Sam Sitter deactivated. Number +14155550120 quarantined. 2 threads reassigned."',
      ],
    ],
    [
      'one thread, to a pool number',
      { action: 'deactivate' as const, sitter: 'Sky', e164: '+14155550121', threadsMoving: 1, movingTo: { e164: '+14155550141', frontDesk: false }, cooldownDays: 30 },
      [
        'Number +14155550121 will be quarantined for 30 days.',
        '1 thread will be reassigned to pool number +14155550141.',
        'Sky will no longer be able to message clients.',
        'Then you will see: "Sitter Sky deactivated. Number +14155550121 quarantined. 1 thread reassigned."',
      ],
    ],
    [
      'no threads',
      { action: 'deactivate' as const, sitter: 'Sky', e164: '+14155550121', threadsMoving: 0, movingTo: null, cooldownDays: 90 },
      [
        'Number +14155550121 will be quarantined for 90 days.',
        'No threads use this number; none will be reassigned.',
        'Sky will no longer be able to message clients.',
        'Then you will see: "Sitter Sky deactivated. Number +14155550121 quarantined. 0 threads reassigned."',
      ],
    ],
    [
      'a sitter without a number',
      { action: 'deactivate' as const, sitter: 'Sky', e164: null, threadsMoving: 0, movingTo: null, cooldownDays: 90 },
      ['Sky has no masked number: no number is quarantined and no threads move.', 'Sky will no longer be able to message clients.'],
    ],
    [
      'windows to close (OPS §4.2)',
      { action: 'deactivate' as const, sitter: 'Sam Sitter', e164: '+14155550120', threadsMoving: 2, movingTo: { e164: '+14155550100', frontDesk: true }, cooldownDays: 90, windowsClosing: 3 },
      [
        'Number +14155550120 will be quarantined for 90 days.',
        '2 threads will be reassigned to the owner inbox.',
        '3 windows will be closed: an active one ends now, future ones are removed.',
        'Sam Sitter will no longer be able to message clients.',
        'Then you will see: "Sitter Sam Sitter deactivated. Number +14155550120 quarantined. 2 threads reassigned. 3 windows closed."',
      ],
    ],
  ])('%s', (_, preview, impact) => {
    expect(activationImpact(preview)).toEqual(impact);
  });
});
