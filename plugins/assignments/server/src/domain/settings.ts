import { defaults } from '@switchboard/config';
import { settingNumber, settingText, settingsSection, type SettingRange } from '@switchboard/kit';

/**
 * Assignments' settings: the reassignment message (DOMAIN.md "A sitter change"; API.md `templates.reassignment`) and
 * how long a pool number stays with its thread after the booking ended (DOMAIN.md "Pool numbers"; API.md
 * `routing.poolThreadGraceHours`: shown in routing's section, owned here because bookings hold the pool numbers).
 */
export interface AssignmentsSettings {
  reassignmentTemplate: string;
  poolThreadGraceHours: number;
}

export const REASSIGNMENT_TEMPLATE_MAX = 480;

export const DEFAULT_ASSIGNMENTS_SETTINGS: AssignmentsSettings = {
  reassignmentTemplate: defaults.reassignmentTemplate,
  poolThreadGraceHours: defaults.poolThreadGraceHours,
};

export const ASSIGNMENTS_SETTING_RANGES: Record<keyof AssignmentsSettings, SettingRange> = {
  reassignmentTemplate: { min: 1, max: REASSIGNMENT_TEMPLATE_MAX },
  poolThreadGraceHours: { min: 0, max: defaults.poolThreadGraceHoursMax },
};

export const assignmentsSettingsSchema = settingsSection({
  reassignmentTemplate: settingText('The reassignment message', REASSIGNMENT_TEMPLATE_MAX).optional(),
  poolThreadGraceHours: settingNumber('The pool grace period in hours', ASSIGNMENTS_SETTING_RANGES.poolThreadGraceHours).optional(),
});
