import providerSetting from './provider-setting/schema.json';
import outboundMessage from './outbound-message/schema.json';
import inboundReceipt from './inbound-receipt/schema.json';
import sandboxPhoneMessage from './sandbox-phone-message/schema.json';

export default {
  'provider-setting': { schema: providerSetting },
  'outbound-message': { schema: outboundMessage },
  'inbound-receipt': { schema: inboundReceipt },
  'sandbox-phone-message': { schema: sandboxPhoneMessage },
};
