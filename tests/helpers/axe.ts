import type { Page } from 'playwright-core';

const AXE = require.resolve('axe-core');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; summary: string }[];
}

/**
 * axe-core in the page (its context needs bypassCSP to inject it), on the whole document or only inside `include` (a
 * selector: the admin panel's `main`, our page inside Strapi's chrome): fails with each serious or critical violation,
 * where it is and what axe says to do. No rule is switched off.
 */
export async function expectAccessible(page: Page, where: string, include?: string): Promise<void> {
  await page.addScriptTag({ path: AXE });
  const violations: Violation[] = await page.evaluate(async (selector) => {
    const inPage = globalThis as any;
    const result = await inPage.axe.run(selector ? { include: [selector] } : inPage.document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => ({ target: n.target, html: n.html, summary: n.failureSummary })) }));
  }, include ?? null);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length === 0) return;
  const report = serious.map((v) => `${v.id} (${v.impact}): ${v.help}\n    at ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.html.slice(0, 200)}\n      ${n.summary.replace(/\n/g, ' ')}`).join('\n    at ')}`).join('\n');
  throw new Error(`${where}: ${serious.length} serious or critical accessibility violation(s)\n${report}`);
}
