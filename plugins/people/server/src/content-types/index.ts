import businessProfile from './business-profile/schema.json';
import vaProfile from './va-profile/schema.json';
import sitterProfile from './sitter-profile/schema.json';
import client from './client/schema.json';
import organisation from './organisation/schema.json';

export default {
  'business-profile': { schema: businessProfile },
  'va-profile': { schema: vaProfile },
  'sitter-profile': { schema: sitterProfile },
  client: { schema: client },
  organisation: { schema: organisation },
};
