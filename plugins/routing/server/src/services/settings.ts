import { defaults } from '@switchboard/config';

/** Routing's settings (API.md "Setup and system settings" `routing`): the defaults until the settings page edits them. */
const settings = () => ({
  poolAutoResponse: (): string => defaults.poolAutoResponse,
  poolThreadGraceHours: (): number => defaults.poolThreadGraceHours,
});

export type SettingsService = ReturnType<typeof settings>;
export default settings;
