import businessProfile from './business-profile/schema.json';
import vaProfile from './va-profile/schema.json';
import sitterProfile from './sitter-profile/schema.json';

export default {
  'business-profile': { schema: businessProfile },
  'va-profile': { schema: vaProfile },
  'sitter-profile': { schema: sitterProfile },
};
