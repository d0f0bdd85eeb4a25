import { holdsAction } from '../../kit/admin/holds-action';

// The admin pages' one permission answer (kit `useAdminRights`): an action is held when the admin's loaded
// permissions list it, and nothing is held before they have loaded.
it('an action is held only when the loaded permissions list it', () => {
  const held = [{ action: 'plugin::automations.toggle' }, { action: 'plugin::alerts.resolve' }];
  expect(holdsAction(held, 'plugin::automations.toggle')).toBe(true);
  expect(holdsAction(held, 'plugin::automations.manage')).toBe(false);
  expect(holdsAction(held, 'plugin::automations')).toBe(false);
});

it('before the permissions have loaded, nothing is held', () => {
  expect(holdsAction(undefined, 'plugin::automations.manage')).toBe(false);
  expect(holdsAction([], 'plugin::automations.manage')).toBe(false);
});
