import type { Core } from '@strapi/strapi';
import { csvTable, ValidationError } from '@switchboard/kit';
import type { MessagingSettingsService, StatsService } from '@switchboard/messaging';
import type { OrganisationService, SittersService } from '@switchboard/people';
import { byNumberClass, chartTable, replierOf, responseRow } from '../domain/analytics';
import type { AnalyticsExportQuery, ResponseTimesQuery, VolumeQuery } from '../domain/inputs';

/**
 * Response-time and volume analytics (OPS §3.5, issue 19 item 5): messaging's `stats` computes them in SQL in the
 * organisation's time zone; this names them (threads, sitters, number classes) and shapes API.md's answers.
 */
const analytics = ({ strapi }: { strapi: Core.Strapi }) => {
  const stats = () => strapi.plugin('messaging').service('stats') as StatsService;
  const zone = async () => ((await (strapi.plugin('people').service('organisation') as OrganisationService).get()).timeZone || 'UTC');
  // One SLA for analytics and alerts' sla_breach: messaging's setting (README "SLA").
  const slaMinutes = async () => (await (strapi.plugin('messaging').service('settings') as MessagingSettingsService).get()).slaMinutes;

  async function sitterKey(sitterId: number | undefined): Promise<string | undefined> {
    if (sitterId === undefined) return undefined;
    const sitters = await (strapi.plugin('people').service('sitters') as SittersService).byUserId();
    if (!sitters.has(sitterId)) throw new ValidationError('sitterId must be the id of a sitter, as GET /people/sitters lists it.');
    return `user:${sitterId}`;
  }

  const api = {
    async responseTimes(query: ResponseTimesQuery) {
      const figures = await stats().responseTimes({
        from: query.from,
        to: query.to,
        zone: await zone(),
        slaSeconds: (await slaMinutes()) * 60,
        ...(query.conversationId ? { conversationId: Number(query.conversationId) } : {}),
        ...(query.sitterId !== undefined ? { replierKey: await sitterKey(query.sitterId) } : {}),
      });
      const labels = await stats().threadLabels(figures.byThread.map((t) => Number(t.key)));
      const sitters = await (strapi.plugin('people').service('sitters') as SittersService).byUserId();
      const overall = responseRow(figures.overall);
      return {
        slaMinutes: await slaMinutes(),
        averageSeconds: overall.averageSeconds,
        p50Seconds: overall.p50Seconds,
        p90Seconds: overall.p90Seconds,
        questions: overall.questions,
        answered: overall.answered,
        slaCompliancePercent: overall.slaCompliancePercent,
        bySitter: figures.byReplier
          .map((g) => {
            const { sitterId } = replierOf(String(g.key));
            return { sitterId, displayName: sitterId === null ? 'Staff' : (sitters.get(sitterId)?.displayName ?? `Sitter ${sitterId}`), ...responseRow(g) };
          })
          .sort((a, b) => (b.averageSeconds ?? 0) - (a.averageSeconds ?? 0)),
        byThread: figures.byThread
          .map((g) => ({ conversationId: String(g.key), label: labels.get(Number(g.key)) ?? `Thread ${g.key}`, ...responseRow(g) }))
          .sort((a, b) => (b.averageSeconds ?? 0) - (a.averageSeconds ?? 0)),
        trend: figures.byDay.map((g) => ({ day: String(g.key), ...responseRow(g) })),
      };
    },

    async volume(query: VolumeQuery) {
      const figures = await stats().volume({ from: query.from, to: query.to, zone: await zone(), bucket: query.bucket, ...(query.conversationId ? { conversationId: Number(query.conversationId) } : {}) });
      const numbers = (await strapi.plugin('numbers').service('number-lookup').byE164(figures.byNumber.map((n) => n.businessNumber))) as Map<string, { numberClass: string }>;
      const top = figures.byThread.slice(0, 20);
      const labels = await stats().threadLabels(top.map((t) => t.conversationId));
      return {
        bucket: query.bucket,
        series: figures.series,
        byNumberClass: byNumberClass(figures.byNumber, new Map([...numbers.entries()].map(([e164, n]) => [e164, n.numberClass]))),
        byThread: top.map((t) => ({ conversationId: String(t.conversationId), label: labels.get(t.conversationId) ?? `Thread ${t.conversationId}`, messages: t.messages })),
        peakHours: figures.peakHours,
      };
    },

    /** GET /compliance/analytics/export.csv?chart=…: one chart's data. */
    async exportCsv(query: AnalyticsExportQuery): Promise<string> {
      const { chart, bucket, ...filters } = query;
      const data = chart.startsWith('response') ? { responseTimes: await api.responseTimes(filters) } : { volume: await api.volume({ ...filters, bucket }) };
      const table = chartTable(chart, data);
      return csvTable(table.header, table.rows);
    },
  };
  return api;
};

export type AnalyticsService = ReturnType<typeof analytics>;
export default analytics;
