import os from 'node:os';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import type { Env } from '@switchboard/config';

export interface Tracing {
  /** Exports what is still buffered and stops tracing (Strapi's destroy). */
  stop(): Promise<void>;
}

/**
 * PRD §10 traces: with OTEL_EXPORTER_OTLP_ENDPOINT set, the OpenTelemetry SDK records the spans the plugins write
 * (kit's inSpan) for TRACE_SAMPLE_RATIO of the sends and exports them over OTLP/HTTP (JSON) in batches; the trace
 * context crosses nodes with each message (W3C trace context). Unset: nothing is installed and nothing is traced.
 */
export function startTracing(env: Env): Tracing | null {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': env.OTEL_SERVICE_NAME,
      'service.instance.id': `${os.hostname()}:${process.pid}${env.NODE_ID === undefined ? '' : `:node-${env.NODE_ID}`}`,
    }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(env.TRACE_SAMPLE_RATIO) }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` }), scheduledDelayMillis: env.OTEL_BSP_SCHEDULE_DELAY })],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    async stop() {
      // A collector that is down loses the last batch, never the shutdown.
      await provider.shutdown().catch(() => undefined);
      // A later Strapi in the same process (tests) may install its own.
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
