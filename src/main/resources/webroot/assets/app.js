/**
 * The task manager page: loads tasks and status, renders the views, applies
 * filters, and follows live events from the host without polling.
 */
import { ApiError, fetchNotesCount, fetchStatus, fetchTasks, notesBaseUrl, saveNote } from './api.js';
import { byId, el } from './dom.js';
import { isFixed, localDate, now } from './clock.js';
import { connectLive, showLiveState } from './live.js';
import {
  NO_PRIORITY, PRIORITIES, PRIORITY_NAMES, allTags, clientDisplay, clientNames, clientOf,
  groupByPriority, hasFilters, matchesFilters, sortReminders,
} from './model.js';
import { isServerEvent, serverBadge, stateLabel } from './status.js';
import { TaskView } from './taskview.js';
import { renderClientGroups, renderPriorityGroups, renderReminders } from './views.js';

const NOTES_SERVER = 'task-notes';

const state = {
  data: null,
  status: null,
  notesBase: null,
  view: 'priority',
  expanded: new Set(),
  filters: { search: '', client: '', priority: '', tag: '' },
};

const taskView = new TaskView({
  save: saveAndRefresh,
  onClose: () => {
    if (window.location.hash.startsWith('#task=')) history.replaceState(null, '', window.location.pathname + window.location.search);
  },
});

// ---- rendering -------------------------------------------------------------

function renderContext() {
  return {
    data: state.data,
    today: localDate(now()),
    openTask,
    expanded: state.expanded,
    filtered: hasFilters(state.filters),
    toggleClient,
  };
}

function renderAll() {
  if (!state.data) return;
  const ctx = renderContext();
  const allTasks = Array.isArray(state.data.all_tasks) ? state.data.all_tasks : [];
  const shown = allTasks.filter((task) => matchesFilters(task, state.filters, state.data));
  renderPriorityGroups(byId('priority-groups'), groupByPriority(shown), ctx);
  renderClientGroups(byId('client-groups'), clientGroups(), ctx);
  renderReminderList(ctx);
  byId('filter-summary').textContent = hasFilters(state.filters)
    ? `Showing ${shown.length} of ${allTasks.length} active tasks`
    : `${allTasks.length} active tasks`;
}

function clientGroups() {
  const byClient = state.data.tasks_by_client || {};
  return clientNames(state.data)
    .filter((name) => !state.filters.client || name === state.filters.client)
    .map((name) => {
      const info = byClient[name] || {};
      const tasks = (Array.isArray(info.all_active_tasks) ? info.all_active_tasks : [])
        .map((task) => ({ ...task, client_name: clientOf(task) || name }))
        .filter((task) => matchesFilters(task, state.filters, state.data));
      return { name, info, tasks };
    })
    .filter((group) => !hasFilters(state.filters) || group.tasks.length > 0);
}

function renderReminderList(ctx) {
  const reminders = (Array.isArray(state.data.all_reminders) ? state.data.all_reminders : [])
    .filter((reminder) => {
      const task = reminder.task_data && typeof reminder.task_data === 'object' ? reminder.task_data : reminder;
      return matchesFilters({ ...task, client_name: reminder.client ?? clientOf(task) }, state.filters, state.data);
    });
  const sorted = sortReminders(reminders);
  renderReminders(byId('reminders'), sorted, ctx);
  byId('reminders-count').textContent = String(sorted.length);
  byId('reminders-count').dataset.count = String(sorted.length);
  byId('reminders-clock').textContent = `Overdue means due before ${ctx.today}${isFixed() ? ' (clock fixed by the page address)' : ''}.`;
}

function fillSelect(select, options, current) {
  const first = select.options[0];
  const items = options.map(([value, label]) => el('option', { text: label, attrs: { value } }));
  select.replaceChildren(first, ...items);
  select.value = options.some(([value]) => value === current) ? current : '';
}

function renderFilterOptions() {
  const clients = clientNames(state.data).map((name) => [name, clientDisplay(state.data, name)]);
  fillSelect(byId('filter-client'), clients, state.filters.client);
  const priorities = [...PRIORITIES, NO_PRIORITY].map((priority) => [priority, PRIORITY_NAMES[priority]]);
  fillSelect(byId('filter-priority'), priorities, state.filters.priority);
  const tags = allTags(state.data.all_tasks || []).map((tag) => [tag, tag]);
  fillSelect(byId('filter-tag'), tags, state.filters.tag);
  readFilters();
}

function renderBadges() {
  const servers = state.status?.servers || {};
  byId('server-badges').replaceChildren(...Object.entries(servers).map(([name, server]) => serverBadge(name, server)));
}

/**
 * Returns the workspace warnings (skipped files, duplicate ids), preferring the task list's own,
 * because it is re-read on every `tasks` event while the status snapshot is not.
 */
function workspaceWarnings() {
  if (Array.isArray(state.data?.warnings)) return state.data.warnings;
  return state.status?.workspace?.warnings || [];
}

function renderWorkspaceWarnings() {
  const banner = byId('workspace-warnings');
  const warnings = workspaceWarnings();
  if (warnings.length === 0) {
    banner.hidden = true;
    banner.replaceChildren();
    return;
  }
  banner.replaceChildren(
    el('p', { text: `${warnings.length} workspace warning${warnings.length === 1 ? '' : 's'}:` }),
    el('ul', {}, warnings.map((warning) => el('li', { text: warning.message.includes(warning.file) ? warning.message : `${warning.file}: ${warning.message}` }))),
  );
  banner.hidden = false;
}

function showLoadError(error) {
  const banner = byId('load-error');
  if (!error) {
    banner.hidden = true;
    banner.textContent = '';
    return;
  }
  banner.textContent = error.message;
  banner.hidden = false;
}

// ---- task dialog -----------------------------------------------------------

function openTask(task) {
  taskView.open(task, state.data);
  if (typeof task.id === 'string') history.replaceState(null, '', `${window.location.pathname}${window.location.search}#task=${encodeURIComponent(task.id)}`);
}

function findTask(id, client) {
  const copies = [];
  for (const [name, info] of Object.entries(state.data?.tasks_by_client || {})) {
    for (const task of info.all_active_tasks || []) {
      if (task.id === id) copies.push({ ...task, client_name: clientOf(task) || name });
    }
  }
  const unique = (state.data?.all_tasks || []).find((task) => task.id === id);
  return copies.find((task) => clientOf(task) === client) || unique || copies[0] || null;
}

function refreshOpenTask() {
  const open = taskView.openTask;
  if (!open) return;
  const fresh = findTask(open.id, clientOf(open));
  if (fresh) taskView.refresh(fresh, state.data);
}

function openTaskFromHash() {
  const match = /^#task=(.+)$/.exec(window.location.hash);
  if (!match || !state.data) return;
  const task = findTask(decodeURIComponent(match[1]), null);
  if (task) openTask(task);
}

async function saveAndRefresh(task, text) {
  if (!state.notesBase) {
    const server = state.status?.servers?.[NOTES_SERVER];
    throw new ApiError(`The notes server has no address yet (state: ${server?.state ?? 'unknown'}). Check the dashboard.`);
  }
  const message = await saveNote(state.notesBase, task, text);
  // The host also sends `notes` and `tasks` events; reading back here keeps the page right when they are late.
  await Promise.allSettled([refreshNotesCount(), refreshTasks()]);
  return message;
}

// ---- data loading ----------------------------------------------------------

async function refreshTasks() {
  try {
    const data = await fetchTasks();
    showLoadError(null);
    if (data === state.data) return;
    state.data = data;
    renderFilterOptions();
    renderAll();
    renderWorkspaceWarnings();
    refreshOpenTask();
  } catch (error) {
    showLoadError(error);
  }
}

function showNotesCount(text, problem) {
  const output = byId('notes-count');
  output.textContent = text;
  output.dataset.count = problem ? '' : text;
  output.title = problem || '';
  output.classList.toggle('unavailable', Boolean(problem));
}

async function refreshNotesCount() {
  if (!state.notesBase) {
    showNotesCount('unavailable', 'The notes server has no address in the status');
    return;
  }
  try {
    showNotesCount(String(await fetchNotesCount(state.notesBase)), null);
  } catch (error) {
    showNotesCount('unavailable', error.message);
  }
}

// In these states the port is closed or belongs to another program.
const NOTES_UNREACHABLE = new Set(['disabled', 'stopped', 'failed', 'port-conflict']);

function applyNotesServer(server) {
  const base = notesBaseUrl(server);
  const changed = base !== state.notesBase;
  state.notesBase = base;
  if (NOTES_UNREACHABLE.has(server?.state)) {
    showNotesCount('unavailable', `The notes server is ${stateLabel(server.state)}; see the dashboard`);
    return;
  }
  if (changed || server?.state === 'listening') refreshNotesCount();
}

async function refreshStatus() {
  try {
    state.status = await fetchStatus();
    renderBadges();
    renderWorkspaceWarnings();
    applyNotesServer(state.status.servers?.[NOTES_SERVER]);
  } catch (error) {
    showLoadError(error);
  }
}

function onStatusEvent(event) {
  if (!state.status) state.status = { servers: {} };
  const servers = state.status.servers || {};
  const serverEvent = isServerEvent(event, servers) || event.source === NOTES_SERVER;
  if (!serverEvent) {
    // Host and config events (a new config, a new workspace) change more of the snapshot, so read it again.
    refreshStatus();
    return;
  }
  state.status.servers = { ...servers, [event.source]: event };
  renderBadges();
  if (event.source === NOTES_SERVER) applyNotesServer(event);
}

function onNotesEvent(event) {
  if (Number.isFinite(Number(event?.count))) showNotesCount(String(Number(event.count)), null);
  else refreshNotesCount();
}

// ---- controls --------------------------------------------------------------

/** Reads the filter fields into the state; returns true when any of them changed. */
function readFilters() {
  const next = {
    search: byId('search').value,
    client: byId('filter-client').value,
    priority: byId('filter-priority').value,
    tag: byId('filter-tag').value,
  };
  const changed = Object.keys(next).some((key) => next[key] !== state.filters[key]);
  state.filters = next;
  return changed;
}

function setView(view) {
  state.view = view;
  byId('view-priority').setAttribute('aria-pressed', String(view === 'priority'));
  byId('view-client').setAttribute('aria-pressed', String(view === 'client'));
  byId('priority-groups').hidden = view !== 'priority';
  byId('client-groups').hidden = view !== 'client';
  byId('expand-all').hidden = view !== 'client';
  byId('collapse-all').hidden = view !== 'client';
}

function toggleClient(name) {
  if (state.expanded.has(name)) state.expanded.delete(name);
  else state.expanded.add(name);
  renderAll();
  // Re-rendering replaced the button; keep keyboard focus on the new one.
  document.querySelector(`.client-group[data-client="${CSS.escape(name)}"] .client-toggle`)?.focus();
}

function wireControls() {
  const filters = byId('filters');
  // Selects report through `change` as well as `input`; rendering only on a real change keeps a
  // blur-time `change` from replacing the list under a click that is in progress.
  for (const type of ['input', 'change']) {
    filters.addEventListener(type, () => {
      if (readFilters()) renderAll();
    });
  }
  filters.addEventListener('submit', (event) => event.preventDefault());
  filters.addEventListener('reset', () => {
    // The reset event fires before the fields are cleared.
    setTimeout(() => {
      readFilters();
      renderAll();
    });
  });
  byId('view-priority').addEventListener('click', () => setView('priority'));
  byId('view-client').addEventListener('click', () => setView('client'));
  byId('expand-all').addEventListener('click', () => {
    clientNames(state.data).forEach((name) => state.expanded.add(name));
    renderAll();
  });
  byId('collapse-all').addEventListener('click', () => {
    state.expanded.clear();
    renderAll();
  });
  document.addEventListener('keydown', (event) => {
    const typing = event.target.closest?.('input, textarea, select, [contenteditable]');
    if (event.key === '/' && !typing && !taskView.openTask) {
      event.preventDefault();
      byId('search').focus();
    }
  });
}

function connect() {
  const liveState = byId('live-state');
  let connectedBefore = false;
  connectLive({
    status: onStatusEvent,
    tasks: () => refreshTasks(),
    notes: onNotesEvent,
    onOpen: () => {
      showLiveState(liveState, 'live');
      // After a reconnect, catch up on whatever changed while the stream was down.
      if (connectedBefore) {
        refreshStatus();
        refreshTasks();
      }
      connectedBefore = true;
    },
    onError: (readyState) => showLiveState(liveState, readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'),
  });
}

async function start() {
  wireControls();
  setView('priority');
  connect();
  await Promise.all([refreshStatus(), refreshTasks()]);
  openTaskFromHash();
  document.body.dataset.ready = 'true';
}

start();
