import type { Core } from '@strapi/strapi';
import { defaults } from '@switchboard/config';

/**
 * Assignments' section of the system settings (API.md "SystemSettings": `templates.reassignment`). For now the
 * default from config/defaults.ts; /setup/settings will read and write it through this service.
 */
const settings = (_: { strapi: Core.Strapi }) => ({
  /** DOMAIN.md "A sitter change": "Hi {{client.firstName}}, from now on {{sitter.firstName}} is your sitter. …" */
  reassignmentTemplate: (): string => defaults.reassignmentTemplate,
});

export type AssignmentsSettingsService = ReturnType<typeof settings>;
export default settings;
