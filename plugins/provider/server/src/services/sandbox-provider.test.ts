import { SandboxProvider, SANDBOX_UNREACHABLE_NUMBER } from './sandbox-provider';
import { problemOf } from './provider-refusal';

describe('the sandbox provider', () => {
  const received: string[] = [];
  const sandbox = new SandboxProvider({ received: async (m) => void received.push(m.phoneNumber) });

  it('delivers a send at once to the simulated phone', async () => {
    const sent = await sandbox.sendMessage({ from: '+14155550100', to: '+14155550161', body: 'Hi', statusCallbackUrl: 'http://localhost/status' });
    expect(sent.status).toBe('delivered');
    expect(received).toContain('+14155550161');
  });

  it('fails every send to the unreachable demo handset with 30003, never retryable, and nothing reaches the phone', async () => {
    const attempt = sandbox.sendMessage({ from: '+14155550100', to: SANDBOX_UNREACHABLE_NUMBER, body: 'Hi', statusCallbackUrl: 'http://localhost/status' });
    await expect(attempt).rejects.toThrow();
    const problem = problemOf(await attempt.catch((e) => e));
    expect(problem).toMatchObject({ code: 30003, retryable: false });
    expect(received).not.toContain(SANDBOX_UNREACHABLE_NUMBER);
  });
});
