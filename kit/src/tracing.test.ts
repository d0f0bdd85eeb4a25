import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, context, trace, type Context, type ContextManager } from '@opentelemetry/api';
import { AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { inSpan } from './tracing';

/** The context manager the app installs, in a few lines: the active context follows async work. */
class StorageContextManager implements ContextManager {
  private storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(ctx, () => fn.apply(thisArg, args));
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

/** The app's tracer setup (a parent-based sampler) with the given root sampler. */
function install(root: AlwaysOnSampler | AlwaysOffSampler): void {
  trace.setGlobalTracerProvider(new TracerProvider({ sampler: new ParentBasedSampler({ root }) }));
  context.setGlobalContextManager(new StorageContextManager());
}

afterEach(() => {
  trace.disable();
  context.disable();
});

describe('inSpan', () => {
  it('makes a sampled send\'s step its own recording span, a child of the send', async () => {
    install(new AlwaysOnSampler());
    let root: any;
    let step: any;
    let recording: boolean[] = [];
    await inSpan('send', {}, async (span) => {
      root = span;
      await inSpan('commit', { step: 1 }, async (child) => {
        step = child;
        recording = [span.isRecording(), child.isRecording()];
      });
    });
    expect(recording).toEqual([true, true]);
    expect(step).not.toBe(root);
    expect(step.name).toBe('commit');
    expect(step.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    expect(step.spanContext().traceId).toBe(root.spanContext().traceId);
    expect(step.attributes).toEqual({ step: 1 });
  });

  it('under a send that is not sampled, runs a step under the send itself: no span is made for it', async () => {
    install(new AlwaysOffSampler());
    const tracer = trace.getTracer('test');
    const startSpan = jest.spyOn(tracer.constructor.prototype, 'startActiveSpan');
    let root: unknown;
    let step: unknown;
    const answer = await inSpan('send', {}, async (span) => {
      root = span;
      return inSpan('commit', {}, async (child) => {
        step = child;
        child.setAttribute('ignored', true);
        return 42;
      });
    });
    expect(answer).toBe(42);
    expect(step).toBe(root);
    expect(startSpan).toHaveBeenCalledTimes(1);
    startSpan.mockRestore();
  });

  it('still throws what the step throws when it runs under an unsampled send', async () => {
    install(new AlwaysOffSampler());
    await expect(inSpan('send', {}, () => inSpan('commit', {}, async () => Promise.reject(new Error('deadlock detected'))))).rejects.toThrow('deadlock detected');
  });
});
