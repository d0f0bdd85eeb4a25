import { traceLine } from './traces.mjs';

// The printed table (also bench/results/latest.md): one row per load point, then history and sync.
const ms = (v) => (v === null || v === undefined ? '—' : v < 10 ? v.toFixed(1) : Math.round(v).toString());
const mb = (v) => (v === null || v === undefined ? '—' : Math.round(v).toString());

const perMessage = (p) => (p ? `${p.serverCpuMs === null ? '—' : p.serverCpuMs.toFixed(2)} · ${p.databaseTransactions === null ? '—' : p.databaseTransactions.toFixed(1)}` : '—');

export function formatReport(report) {
  const lines = [];
  lines.push(`Run ${report.startedAt} · ${report.machine.cpus} × ${report.machine.cpuModel} · Node ${report.machine.node} · load average at start ${report.machine.loadAverageAtStart.map((n) => n.toFixed(1)).join(' / ')}`);
  lines.push('');
  const capacityRows = report.capacity ? [...report.capacity.floor.points, ...report.capacity.switchboard.points].map((r) => ({ ...r, label: `capacity: ${r.label}` })) : [];
  const rows = [...report.delivery, ...(report.staffHeavy ? [report.staffHeavy] : []), ...(report.twoNodes ? [report.twoNodes] : []), ...capacityRows];
  if (rows.length) {
    lines.push('| setup | sockets (conn.) | msg/s target → acked/s | delivery p50 / p95 / p99 / max ms | ack p50 / p95 / p99 ms | errors (timeouts) | lost after ack | undelivered in time | dup. | server RSS MB (growth per connected socket, KB: live · RSS) | server loop delay: highest 2-s p99 / max ms | load-process loop p99 ms | DB transactions per message · queries waiting for a pool connection (mean / max) | machine load 1 min before → after | machine CPU busy · cores used by server / Postgres / load | from the first send: server CPU ms · DB transactions per message | warm-up: its first seconds, delivery p50 / p95 / p99 ms |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      const servers = Object.values(r.servers ?? {});
      const rss = `${servers.map((s) => mb(s.rssMaxMb)).join(' + ')}${r.memoryPerSocketKb ? ` (${r.memoryPerSocketKb.live.toFixed(1)} · ${r.memoryPerSocketKb.rss.toFixed(1)})` : ''}`;
      const loop = servers.map((s) => `${ms(s.eventLoopDelayP99MaxMs)} / ${ms(s.eventLoopDelayMaxMs)}`).join(' ; ');
      lines.push(
        `| ${r.label} | ${r.socketsLabel ?? r.sockets} (${r.socketsConnected}) | ${r.rate} → ${r.throughputMsgPerS.toFixed(0)} | ${ms(r.delivery.p50)} / ${ms(r.delivery.p95)} / ${ms(r.delivery.p99)} / ${ms(r.delivery.max)} | ${ms(r.ack.p50)} / ${ms(r.ack.p95)} / ${ms(r.ack.p99)} | ${(100 * r.errorRate).toFixed(2)}% (${r.ackTimeouts}) | ${r.confirmedLedger?.lost ?? '—'} | ${r.ledger.lost} of ${r.ledger.expected} | ${r.ledger.duplicated} | ${rss} | ${loop} | ${ms(r.loadProcessEventLoopDelay.p99Ms)} | ${r.databaseTransactionsPerMessage === null || r.databaseTransactionsPerMessage === undefined ? '—' : r.databaseTransactionsPerMessage.toFixed(1)} · ${servers.map((s) => (s.databasePoolPendingMean === null || s.databasePoolPendingMean === undefined ? '—' : `${s.databasePoolPendingMean.toFixed(0)} / ${s.databasePoolPendingMax}`)).join(' ; ')} | ${r.loadAverage1m ? `${r.loadAverage1m.before.toFixed(1)} → ${r.loadAverage1m.after.toFixed(1)}` : '—'} | ${r.cpu ? `${Math.round(100 * r.cpu.machineBusyShare)}% · ${Object.values(r.cpu.processCores).map((c) => (c === null ? '—' : c.toFixed(2))).join(' + ')} / ${r.cpu.groupCores.postgres.toFixed(2)} / ${r.loadProcessCores?.toFixed(2) ?? '—'}` : '—'} | ${perMessage(r.perMessage)} | ${r.warmup?.seconds ? `${r.warmup.seconds} s: ${ms(r.warmup.delivery.p50)} / ${ms(r.warmup.delivery.p95)} / ${ms(r.warmup.delivery.p99)}` : '—'} |`,
      );
    }
    lines.push('');
  }
  const traced = rows.filter((r) => r.trace !== undefined && !r.label.includes('floor'));
  if (traced.length) {
    lines.push(`Sampled traces (${report.options.traceRatio === undefined ? '' : `${100 * report.options.traceRatio} % of sends traced; `}a typical complete one per point, times from the socket event's arrival):`);
    lines.push('');
    for (const r of traced) lines.push(`- ${r.label}, ${r.socketsLabel ?? r.sockets} sockets at ${r.rate} msg/s: ${traceLine(r.trace)}`);
    lines.push('');
  }
  if (report.capacity) {
    const c = report.capacity;
    const top = (setup, rates) => (setup.sustainedMsgPerS === null ? 'none of the rates tried' : `${setup.sustainedMsgPerS} msg/s${setup.points.length === rates && setup.points.every((p) => p.delivery.p95 <= c.p95BarMs) ? ' (the highest rate tried: at least this)' : ''}`);
    lines.push(
      `Capacity at ${c.sockets} sockets (highest rate with delivery p95 ≤ ${c.p95BarMs} ms, nothing lost, duplicated or timed out): floor (bare socket.io + one INSERT) ${top(c.floor, c.floorRatesTried)}; Switchboard, one node, ${top(c.switchboard, c.switchboardRatesTried)}${c.shareOfFloor === null ? '' : ` = ${Math.round(100 * c.shareOfFloor)} % of the floor`}.`,
    );
    lines.push('');
  }
  if (report.faults?.nodeKill) {
    const f = report.faults.nodeKill;
    lines.push(
      `Node kill (two nodes, ${f.sockets} sockets, ${f.rateTarget} msg/s for ${f.durationS} s; node B, with every receiver, SIGKILLed at ${f.killAtS.toFixed(0)} s): ${f.socketsCurrentAgain} of ${f.socketsOnB} sockets reconnected to node A and resynced; every one current again after ${f.recoverySeconds === null ? '— (not all)' : `${f.recoverySeconds.toFixed(1)} s`} (median ${f.recoveryMedianSeconds === null ? '—' : `${f.recoveryMedianSeconds.toFixed(1)} s`}); ${f.messagesAcked} of ${f.messagesSent} messages acknowledged (${f.ackTimeouts} ack timeouts, ${f.ackErrors} errors); lost ${f.lost} of ${f.expectedDeliveries} deliveries, duplicated ${f.duplicated}; ${f.recoveredByResync} deliveries came by resync; live delivery p50 / p95 / p99 ${ms(f.deliveryLive.p50)} / ${ms(f.deliveryLive.p95)} / ${ms(f.deliveryLive.p99)} ms.`,
    );
    lines.push('');
  }
  if (report.faults?.races) {
    const { keyRaces: k, order: o } = report.faults.races;
    lines.push(
      '',
      `Cross-node races (two nodes): ${k.races} idempotency keys each sent at once over HTTP to A and the socket to B in ${k.seconds.toFixed(1)} s — stored twice ${k.storedTwice}, not stored ${k.notStored}, answers naming different messages ${k.answersDisagreeing}, staff heard twice ${k.staffHeardTwice}, not heard ${k.staffNotHeard}; ${o.conversations} conversations with a sender on each node (${o.messages} messages) — failed sends ${o.failedSends}, a sender's order broken ${o.senderOrderBroken}, viewers whose order differs from the history ${o.viewersOutOfOrder} of ${o.viewersChecked}, heard twice ${o.heardTwice}, not heard ${o.notHeard}.`,
    );
  }
  if (report.faults?.postgresRestart) {
    const f = report.faults.postgresRestart;
    lines.push(
      `Postgres restart (two nodes, ${f.sockets} sockets, ${f.rateTarget} msg/s for ${f.durationS} s; stopped and started at ${f.restartAtS.toFixed(0)} s, answering again after ${f.postgresDownSeconds === null ? '—' : `${f.postgresDownSeconds.toFixed(1)} s`}): ${f.messagesAcked} of ${f.messagesSent} messages acknowledged (${f.retried} after a retry with the same key; ${f.gaveUp} given up); failed attempts ${f.failedAttempts} ${JSON.stringify(f.failureStatuses)}; sends failed for ${f.sendsFailingForSeconds.toFixed(1)} s after the restart began; stored twice ${f.storedTwice}, stored but never acknowledged ${f.storedNotAcked}, acknowledged but not stored ${f.ackedNotStored}; not heard live ${f.notHeardLive} of ${f.expectedDeliveries} deliveries, of which ${f.recoveredByResync ?? 0} came by the resync after \`sync:needed\` (heard ${f.syncNeededHeard ?? 0} times; done ${f.resyncDoneAfterRestartSeconds == null ? '—' : `${f.resyncDoneAfterRestartSeconds.toFixed(1)} s`} after the restart began) and **${f.lost ?? f.notHeardLive} lost**; heard twice live ${f.heardTwice}; receiver sockets dropped ${f.receiverDisconnects}.`,
    );
    lines.push('');
  }
  if (report.faults?.providerDown) {
    const f = report.faults.providerDown;
    const b = f.breaker;
    const r = f.replay;
    lines.push(
      `Provider down (one node, Twilio provider on the fake Twilio; ${f.rateTarget} SMS/s to ${f.threads} client threads for ${f.durationS} s; every request refused (${f.refusal}) from ${f.downAtS.toFixed(0)} s for ${f.downForS} s; machine load 1 min ${f.loadAverage1m ? `${f.loadAverage1m.before.toFixed(1)} → ${f.loadAverage1m.after.toFixed(1)}` : '—'}):`,
    );
    lines.push('');
    lines.push('| SMS accepted by the app (held by the outage) | at the provider | lost | duplicated | send attempts refused | breaker opened after the outage began · closed after it ended | recovery (provider back → last SMS accepted) | dead letters | outbound / message states | replayed callbacks (200) · rows changed or added |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|');
    const states = (o) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ');
    const changed = r.outboundRowsChanged + r.messageRowsChanged + r.deliveryFailuresChanged + Object.values(r.rowsAdded).reduce((n, v) => n + Math.abs(v), 0);
    lines.push(
      `| ${f.appAccepted} of ${f.messagesSent} (${f.heldByOutage}) | ${f.atFake} | ${f.lost} | ${f.duplicated} | ${f.refusedSendAttempts} | ${b.opened ? `${b.openedAfterDownS.toFixed(1)} s` : 'never'} · ${b.closed ? `${b.closedAfterUpS.toFixed(1)} s` : 'not closed'} | ${f.recoverySeconds.toFixed(1)} s${f.drained ? '' : ' (not drained)'} | ${f.deadLettered} | ${states(f.outboundStatuses)} / ${states(f.messageStates)} | ${r.callbacks} (${r.answered200}) · ${changed} |`,
    );
    lines.push('');
  }
  if (report.history) {
    const h = report.history;
    lines.push(`History: ${h.messagesInDatabase.toLocaleString('en-US')} messages in the database, loaded in ${h.loadSeconds.toFixed(0)} s.`);
    lines.push('');
    lines.push('| read (HTTP, loopback) | samples | p50 ms | p95 ms | p99 ms | max ms |');
    lines.push('|---|---|---|---|---|---|');
    const row = (name, s) => lines.push(`| ${name} | ${s.count} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`);
    row(`sinceId sync (${h.sinceIdSync.messagesPerAnswer.toFixed(0)} messages back)`, h.sinceIdSync);
    row('beforeId page (50)', h.beforeIdPage);
    row('newest page (50)', h.newestPage);
    row(`conversation list (${h.conversationList.conversations} conversations)`, h.conversationList);
    lines.push('');
  }
  if (report.audit) {
    const a = report.audit;
    lines.push(`Audit timeline: ${a.eventsLoaded.toLocaleString('en-US')} events loaded in ${a.loadSeconds.toFixed(0)} s; machine load 1 min ${a.loadAverage1m.before.toFixed(1)} → ${a.loadAverage1m.after.toFixed(1)}.`);
    lines.push('');
    lines.push('| read (HTTP, loopback, Owner token) | samples | p50 ms | p95 ms | p99 ms | max ms |');
    lines.push('|---|---|---|---|---|---|');
    const row = (name, s) => lines.push(`| ${name} | ${s.count} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`);
    row('floor: GET /people/organisation', a.floor);
    row('newest page (50)', a.newest);
    row('deep page by beforeId (50)', a.deep);
    row('type filter (50)', a.byType);
    row('one thread (50)', a.byThread);
    row('actor and a week (50)', a.byActorAndRange);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
