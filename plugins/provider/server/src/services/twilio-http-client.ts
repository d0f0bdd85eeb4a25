import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  /** Where Twilio's REST API answers instead of https://*.twilio.com, e.g. the fake Twilio in tests. */
  apiBaseUrl?: string;
}

function isTwilioHost(hostname: string): boolean {
  return hostname === 'twilio.com' || hostname.endsWith('.twilio.com');
}

/** The SDK's own RequestClient, pointed at another host: keeps its basic auth, form bodies, timeouts and error handling. */
export function createRewritingHttpClient(baseUrl: string): RequestClient {
  const base = baseUrl.replace(/\/+$/, '');
  class RewritingRequestClient extends twilio.RequestClient {
    override request<TData>(opts: RequestClient.RequestOptions<TData>) {
      const target = new URL(opts.uri);
      const uri = isTwilioHost(target.hostname) ? `${base}${target.pathname}${target.search}` : opts.uri;
      // RequestClient writes Authorization into opts.headers and drops it when that object is missing.
      return super.request<TData>({ ...opts, uri, headers: opts.headers ?? {} });
    }
  }
  return new RewritingRequestClient();
}

/** The one way to build a Twilio REST client: the real API unless apiBaseUrl says otherwise. */
export function createTwilioClient({ accountSid, authToken, apiBaseUrl }: TwilioCredentials): twilio.Twilio {
  return twilio(accountSid, authToken, apiBaseUrl ? { httpClient: createRewritingHttpClient(apiBaseUrl) } : {});
}
