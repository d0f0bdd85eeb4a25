import { useEffect, useMemo, useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DayInput, ErrorBox, LabelledSelect, Section, downloadCsv, errorSentence, useFetchedData } from '@switchboard/kit/admin';
import { ALL, analyticsQuery, defaultAnalyticsDays, duration, NUMBER_CLASS_NAMES, WEEKDAYS } from './model';

interface ResponseRow {
  averageSeconds: number | null;
  p50Seconds: number | null;
  p90Seconds: number | null;
  questions: number;
  answered: number;
  slaCompliancePercent: number | null;
}
interface ResponseTimes extends ResponseRow {
  slaMinutes: number;
  bySitter: Array<ResponseRow & { sitterId: number | null; displayName: string }>;
  byThread: Array<ResponseRow & { conversationId: string; label: string }>;
  trend: Array<ResponseRow & { day: string }>;
}
interface Volume {
  bucket: string;
  series: Array<{ bucket: string; messages: number }>;
  byNumberClass: Array<{ numberClass: string; messages: number }>;
  byThread: Array<{ conversationId: string; label: string; messages: number }>;
  peakHours: Array<{ dayOfWeek: number; hour: number; messages: number }>;
}

const NO_SITTERS: Array<{ userId: number; displayName: string }> = [];
const NO_THREADS: Array<{ id: string; title: string }> = [];
const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 10) / 10);

/** One chart: its heading, the chart (an image to a screen reader, named), the same figures as a table, its CSV. */
const Chart = ({ title, chart, onExport, headers, rows, children }: { title: string; chart: string; onExport(chart: string): void; headers: string[]; rows: Array<Array<string | number>>; children: React.ReactElement }) => (
  <Box background="neutral0" padding={5} shadow="tableShadow" hasRadius role="region" aria-label={title} style={{ flex: '1 1 32rem', minWidth: 0 }}>
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex justifyContent="space-between" gap={2}>
        <Typography tag="h3" variant="delta">
          {title}
        </Typography>
        <Button size="S" variant="tertiary" onClick={() => onExport(chart)} aria-label={`Export CSV: ${title}`}>
          Export CSV
        </Button>
      </Flex>
      {rows.length === 0 ? (
        <Typography textColor="neutral600">No messages in this period.</Typography>
      ) : (
        <>
          <div role="img" aria-label={`${title} chart; the table below holds the same figures`} style={{ width: '100%', height: 220 }}>
            <ResponsiveContainer>{children}</ResponsiveContainer>
          </div>
          <details>
            <summary>
              <Typography variant="pi">Figures of {title.toLowerCase()}</Typography>
            </summary>
            <Table colCount={headers.length} rowCount={rows.length + 1} aria-label={`${title} figures`}>
              <Thead>
                <Tr>
                  {headers.map((h) => (
                    <Th key={h}>
                      <Typography variant="sigma">{h}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((r, i) => (
                  <Tr key={i}>
                    {r.map((c, j) => (
                      <Td key={j}>
                        <Typography>{String(c)}</Typography>
                      </Td>
                    ))}
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </details>
        </>
      )}
    </Flex>
  </Box>
);

/**
 * OPS §3.5 "Response Time Analytics" and "Message Volume Metrics" (issue 19 item 5): the figures for a date range (days
 * in the organisation's time zone), a sitter and a thread; each chart with its figures and its CSV.
 */
export const Analytics = ({ zone }: { zone: string | null }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const initial = useMemo(() => defaultAnalyticsDays(zone), [zone]);
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [sitterId, setSitterId] = useState<string>(ALL);
  const [conversationId, setConversationId] = useState<string>(ALL);
  const [bucket, setBucket] = useState('day');
  const [response, setResponse] = useState<ResponseTimes | null>(null);
  const [volume, setVolume] = useState<Volume | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const sitters = useFetchedData('/people/sitters', NO_SITTERS);
  const threads = useFetchedData('/messaging/conversations?kind=client&pageSize=200', NO_THREADS);
  const filters = { from, to, sitterId, conversationId, bucket };

  useEffect(() => {
    setFrom(initial.from);
    setTo(initial.to);
  }, [initial]);

  useEffect(() => {
    let current = true;
    setProblem(null);
    setResponse(null);
    setVolume(null);
    Promise.all([
      get<{ data: ResponseTimes }>(`/compliance/analytics/response-times?${analyticsQuery(filters, zone, 'response')}`),
      get<{ data: Volume }>(`/compliance/analytics/volume?${analyticsQuery(filters, zone, 'volume')}`),
    ])
      .then(([r, v]) => {
        if (!current) return;
        setResponse(r.data.data);
        setVolume(v.data.data);
      })
      .catch((error) => current && setProblem(errorSentence(error, 'The analytics could not be loaded. Try again.')));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [get, from, to, sitterId, conversationId, bucket, zone]);

  const exportChart = async (chart: string) => {
    try {
      await downloadCsv(get, `/compliance/analytics/export.csv?${analyticsQuery(filters, zone, 'export')}&chart=${chart}`, `${chart}.csv`);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorSentence(error) });
    }
  };

  const select = (name: string, label: string, value: string, options: Array<[string, string]>, onChange: (v: string) => void) => (
    <Box minWidth="12rem">
      <LabelledSelect name={name} label={label} value={value} options={options} onChange={onChange} />
    </Box>
  );

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Section title="Analytics" subtitle="How quickly clients hear back, and how many texts go through, in the organisation's time zone.">
        <Flex gap={4} alignItems="flex-end" wrap="wrap">
          <DayInput name="analytics-from" label="From" value={from} onChange={setFrom} />
          <DayInput name="analytics-to" label="To" value={to} onChange={setTo} />
          {select('analytics-sitter', 'Sitter', sitterId, [[ALL, 'Every sitter'], ...sitters.map((s): [string, string] => [String(s.userId), s.displayName])], setSitterId)}
          {select('analytics-thread', 'Thread', conversationId, [[ALL, 'Every thread'], ...threads.map((t): [string, string] => [String(t.id), t.title])], setConversationId)}
          {select('analytics-bucket', 'Messages per', bucket, [['day', 'Day'], ['week', 'Week'], ['month', 'Month']], setBucket)}
        </Flex>
        {problem && <ErrorBox message={problem} />}
        {!problem && !response && <Loader small>Computing the analytics…</Loader>}
        {response && (
          <Typography role="status" tag="p">
            {response.questions === 0
              ? 'No client texts in this period.'
              : `Average response ${duration(response.averageSeconds)} (median ${duration(response.p50Seconds)}, 90th percentile ${duration(response.p90Seconds)}) over ${response.answered} of ${response.questions} client questions answered. Replied within ${response.slaMinutes} minutes: ${response.slaCompliancePercent === null ? '—' : `${response.slaCompliancePercent}%`}.`}
          </Typography>
        )}
      </Section>
      {response && volume && (
        <Flex gap={4} wrap="wrap" alignItems="stretch">
          <Chart
            title="Response time by sitter"
            chart="response-by-sitter"
            onExport={exportChart}
            headers={['Sitter', 'Average (min)', '90th percentile (min)', 'Answered', `Within ${response.slaMinutes} min`]}
            rows={response.bySitter.map((s) => [s.displayName, minutes(s.averageSeconds) ?? '—', minutes(s.p90Seconds) ?? '—', s.answered, s.slaCompliancePercent === null ? '—' : `${s.slaCompliancePercent}%`])}
          >
            <BarChart data={response.bySitter.map((s) => ({ name: s.displayName, average: minutes(s.averageSeconds), p90: minutes(s.p90Seconds) }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" />
              <YAxis unit=" min" />
              <Tooltip />
              <Legend />
              <Bar dataKey="average" name="Average" fill="#4945ff" />
              <Bar dataKey="p90" name="90th percentile" fill="#ac73e6" />
            </BarChart>
          </Chart>
          <Chart
            title="Response time by thread"
            chart="response-by-thread"
            onExport={exportChart}
            headers={['Thread', 'Average (min)', '90th percentile (min)', 'Questions', `Within ${response.slaMinutes} min`]}
            rows={response.byThread.map((t) => [t.label, minutes(t.averageSeconds) ?? '—', minutes(t.p90Seconds) ?? '—', t.questions, t.slaCompliancePercent === null ? '—' : `${t.slaCompliancePercent}%`])}
          >
            <BarChart data={response.byThread.slice(0, 15).map((t) => ({ name: t.label, average: minutes(t.averageSeconds), p90: minutes(t.p90Seconds) }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" />
              <YAxis unit=" min" />
              <Tooltip />
              <Legend />
              <Bar dataKey="average" name="Average" fill="#4945ff" />
              <Bar dataKey="p90" name="90th percentile" fill="#ac73e6" />
            </BarChart>
          </Chart>
          <Chart
            title="Response time trend"
            chart="response-trend"
            onExport={exportChart}
            headers={['Day', 'Average (min)', 'Questions', `Within ${response.slaMinutes} min`]}
            rows={response.trend.map((d) => [d.day, minutes(d.averageSeconds) ?? '—', d.questions, d.slaCompliancePercent === null ? '—' : `${d.slaCompliancePercent}%`])}
          >
            <LineChart data={response.trend.map((d) => ({ day: d.day, average: minutes(d.averageSeconds), sla: d.slaCompliancePercent }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" />
              <YAxis yAxisId="min" unit=" min" />
              <YAxis yAxisId="pct" orientation="right" unit="%" domain={[0, 100]} />
              <Tooltip />
              <Legend />
              <Line yAxisId="min" dataKey="average" name="Average response" stroke="#4945ff" />
              <Line yAxisId="pct" dataKey="sla" name={`Within ${response.slaMinutes} min`} stroke="#328048" />
            </LineChart>
          </Chart>
          <Chart title={`Messages per ${volume.bucket}`} chart="volume-series" onExport={exportChart} headers={['Period starting', 'Messages']} rows={volume.series.map((s) => [s.bucket, s.messages])}>
            <BarChart data={volume.series}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="bucket" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="messages" name="Messages" fill="#4945ff" />
            </BarChart>
          </Chart>
          <Chart title="Messages by number class" chart="volume-by-number-class" onExport={exportChart} headers={['Number class', 'Messages']} rows={volume.byNumberClass.map((c) => [NUMBER_CLASS_NAMES[c.numberClass] ?? c.numberClass, c.messages])}>
            <BarChart data={volume.byNumberClass.map((c) => ({ name: NUMBER_CLASS_NAMES[c.numberClass] ?? c.numberClass, messages: c.messages }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="messages" name="Messages" fill="#4945ff" />
            </BarChart>
          </Chart>
          <Chart title="Messages by thread" chart="volume-by-thread" onExport={exportChart} headers={['Thread', 'Messages']} rows={volume.byThread.map((t) => [t.label, t.messages])}>
            <BarChart data={volume.byThread.slice(0, 15).map((t) => ({ name: t.label, messages: t.messages }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="messages" name="Messages" fill="#4945ff" />
            </BarChart>
          </Chart>
          <Chart title="Peak hours" chart="peak-hours" onExport={exportChart} headers={['Day', 'Hour', 'Messages']} rows={volume.peakHours.slice(0, 24).map((p) => [WEEKDAYS[p.dayOfWeek], `${String(p.hour).padStart(2, '0')}:00`, p.messages])}>
            <BarChart data={Array.from({ length: 24 }, (_, hour) => ({ hour: `${String(hour).padStart(2, '0')}`, messages: volume.peakHours.filter((p) => p.hour === hour).reduce((n, p) => n + p.messages, 0) }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="hour" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="messages" name="Messages in this hour" fill="#4945ff" />
            </BarChart>
          </Chart>
        </Flex>
      )}
    </Flex>
  );
};
