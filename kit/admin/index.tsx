// What every plugin's admin pages share (compiled from source by `strapi build`): one error box, one error sentence.
export { ErrorBox } from './ErrorBox';
export { errorSentence } from './error-sentence';
