/** Whether `held` (the admin's loaded permissions) grants the admin action `action`, e.g. `plugin::alerts.configure`. */
export function holdsAction(held: ReadonlyArray<{ action: string }> | undefined, action: string): boolean {
  return (held ?? []).some((p) => p.action === action);
}
