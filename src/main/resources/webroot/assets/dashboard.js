/**
 * The status dashboard: the host, every server and the recent events, kept
 * current by `status` events from `/api/events`.
 */
import { fetchStatus } from './api.js';
import { byId, el } from './dom.js';
import { connectLive, showLiveState } from './live.js';
import { isServerEvent, serverBadge, stateKind, stateLabel } from './status.js';

const MAX_EVENTS = 100;

const state = {
  status: null,
  // performance.now() when the snapshot arrived, so the uptime can advance locally.
  fetchedAt: 0,
};

function formatDuration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts = [];
  if (days) parts.push(`${days}d`);
  if (days || hours) parts.push(`${hours}h`);
  if (days || hours || minutes) parts.push(`${minutes}m`);
  parts.push(`${seconds}s`);
  return parts.join(' ');
}

function text(value) {
  return value === null || value === undefined || value === '' ? '–' : String(value);
}

function facts(container, rows) {
  container.replaceChildren(...rows.flatMap(([label, value, id]) => [
    el('dt', { text: label }),
    el('dd', { text: text(value), attrs: { id } }),
  ]));
}

function uptimeText() {
  const host = state.status?.host;
  if (!host || !Number.isFinite(Number(host.uptimeMs))) return null;
  return formatDuration(Number(host.uptimeMs) + performance.now() - state.fetchedAt);
}

function renderHost() {
  const host = state.status?.host || {};
  const config = host.config || {};
  facts(byId('host-facts'), [
    ['PID', host.pid, 'host-pid'],
    ['State', host.state, 'host-state'],
    ['Uptime', uptimeText(), 'host-uptime'],
    ['Started', host.startedAt, 'host-started'],
    ['Version', host.version, 'host-version'],
    ['Supervisor', host.supervisor, 'host-supervisor'],
    ['Config file', host.configFile, 'host-config-file'],
    ['Config state', config.state, 'host-config-state'],
    ['Config detail', config.detail, 'host-config-detail'],
  ]);
  byId('host-config-state').dataset.state = config.state || 'unknown';
}

function stateCell(stateName) {
  return el('td', { className: `state-cell badge-${stateKind(stateName)}`, text: stateLabel(stateName) });
}

function renderServers() {
  const servers = state.status?.servers || {};
  const rows = Object.entries(servers).map(([name, server]) => el('tr', { attrs: { 'data-server': name, 'data-state': server.state } }, [
    el('th', { text: name, attrs: { scope: 'row' } }),
    stateCell(server.state),
    el('td', { text: text(server.host) }),
    el('td', { text: text(server.port) }),
    el('td', { text: text(server.since) }),
    el('td', { className: 'detail', text: text(server.detail) }),
  ]));
  byId('servers').tBodies[0].replaceChildren(...rows);
  byId('server-badges').replaceChildren(...Object.entries(servers).map(([name, server]) => serverBadge(name, server)));
}

function renderWorkspace() {
  const workspace = state.status?.workspace || {};
  const warnings = Array.isArray(workspace.warnings) ? workspace.warnings : [];
  facts(byId('workspace-facts'), [
    ['Path', workspace.path, 'workspace-path'],
    ['Warnings', String(warnings.length), 'workspace-warning-count'],
  ]);
  byId('workspace-warnings').replaceChildren(...warnings.map((warning) => el('li', { text: warning.message.includes(warning.file) ? warning.message : `${warning.file}: ${warning.message}` })));
}

function renderEvents() {
  const events = Array.isArray(state.status?.events) ? state.status.events : [];
  const rows = [...events].reverse().map((event) => el('tr', { attrs: { 'data-source': event.source, 'data-state': event.state } }, [
    el('td', { text: text(event.since) }),
    el('td', { text: text(event.source) }),
    stateCell(event.state),
    el('td', { text: text(event.host) }),
    el('td', { text: text(event.port) }),
    el('td', { className: 'detail', text: text(event.detail) }),
  ]));
  byId('events').tBodies[0].replaceChildren(...rows);
  byId('events-count').textContent = String(events.length);
}

function renderAll() {
  renderHost();
  renderServers();
  renderWorkspace();
  renderEvents();
}

async function refresh() {
  try {
    state.status = await fetchStatus();
    state.fetchedAt = performance.now();
    byId('load-error').hidden = true;
    renderAll();
  } catch (error) {
    byId('load-error').textContent = error.message;
    byId('load-error').hidden = false;
  }
}

function onStatusEvent(event) {
  if (!state.status) return;
  const events = Array.isArray(state.status.events) ? state.status.events : [];
  state.status.events = [...events, event].slice(-MAX_EVENTS);
  if (isServerEvent(event, state.status.servers)) {
    state.status.servers = { ...state.status.servers, [event.source]: event };
    renderServers();
    renderEvents();
  } else {
    // Host and config events change fields only the snapshot carries (config state, uptime).
    renderEvents();
    refresh();
  }
}

function start() {
  const liveState = byId('live-state');
  let connectedBefore = false;
  connectLive({
    status: onStatusEvent,
    onOpen: () => {
      showLiveState(liveState, 'live');
      if (connectedBefore) refresh();
      connectedBefore = true;
    },
    onError: (readyState) => showLiveState(liveState, readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'),
  });
  // A local timer advances the uptime shown; it sends no request.
  setInterval(() => {
    const uptime = byId('host-uptime');
    if (uptime) uptime.textContent = text(uptimeText());
  }, 1000);
  refresh().then(() => { document.body.dataset.ready = 'true'; });
}

start();
