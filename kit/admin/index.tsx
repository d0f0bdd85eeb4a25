// What every plugin's admin pages share (compiled from source by `strapi build`): one error box, one error sentence,
// one way a phone number reads.
export { ErrorBox } from './ErrorBox';
export { errorSentence } from './error-sentence';
export { displayNumber } from '../src/phone-display';
export { PreviewDialog } from './PreviewDialog';
export { useFetched, useFetchedData, type Fetched } from './use-fetched';
export { downloadCsv } from './download-csv';
export { Section } from './Section';
export { ConfirmDialog } from './ConfirmDialog';
export { HomeWidget, Figures, WidgetLink, type FigureTone } from './HomeWidget';
export { DayInput, LabelledSelect, Pager } from './FilterParts';
export { useAdminRights } from './use-admin-rights';
export { MenuCount } from './MenuCount';
export { NoteField } from './NoteField';
