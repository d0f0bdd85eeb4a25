import { context, isSpanContextValid, propagation, trace, SpanStatusCode, type Attributes, type Span } from '@opentelemetry/api';

/**
 * PRD §10 traces, as every plugin writes them: through the OpenTelemetry API only. The app (cms/src/tracing.ts)
 * installs the SDK and its OTLP exporter when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise every span here is the
 * API's no-op and costs next to nothing.
 */
export const switchboardTracer = () => trace.getTracer('switchboard');

/**
 * Runs `work` inside a span that is the active one for everything it awaits (child spans, the trace id in logs);
 * the span ends when the work settles, marked as an error when it throws a server fault (a refusal stays OK).
 */
export async function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  // Inside a trace that is not sampled, a child would not be either (the app's sampler follows the parent): the work
  // runs under the parent, without making a span and a context nobody records (issue 24: a send makes several).
  const parent = trace.getActiveSpan();
  if (parent && !parent.isRecording() && isSpanContextValid(parent.spanContext())) return work(parent);
  return switchboardTracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      const status = (error as { status?: number })?.status;
      if (status === undefined || status >= 500) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      } else span.setAttribute('refused.status', status);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The active span's trace id, for a JSON log line; undefined when nothing is traced (no SDK, or not sampled). */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  return span && span.isRecording() ? span.spanContext().traceId : undefined;
}

/** The active trace as W3C trace-context fields, for work that continues in another process (another node). */
export function traceCarrier(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs `work` with the trace of a carrier made by `traceCarrier` (in another process) as its parent. */
export function withTraceCarrier<T>(carrier: Record<string, string> | undefined, work: () => T): T {
  if (!carrier) return work();
  return context.with(propagation.extract(context.active(), carrier), work);
}
