import { defaults } from '@switchboard/config';
import { settingText, settingsSection, type SettingRange } from '@switchboard/kit';

/** Routing's settings (API.md "SystemSettings" `routing.poolAutoResponse`): what an unmapped pool sender is told. */
export interface RoutingSettings {
  poolAutoResponse: string;
}

export const POOL_AUTO_RESPONSE_MAX = 320;

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = { poolAutoResponse: defaults.poolAutoResponse };

/** Text settings have a length range. */
export const ROUTING_SETTING_RANGES: Record<string, SettingRange> = { poolAutoResponse: { min: 1, max: POOL_AUTO_RESPONSE_MAX } };

export const routingSettingsSchema = settingsSection({
  poolAutoResponse: settingText('The pool auto-response', POOL_AUTO_RESPONSE_MAX).optional(),
});
