/**
 * HTTP calls of the page: the task-manager API on this page's own origin and
 * the task-notes API, whose host and port come from the status snapshot.
 */

/** An HTTP or network failure with a message fit to show to the user. */
export class ApiError extends Error {
  constructor(message, status = 0) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

let tasksEtag = null;
let tasksBody = null;

/**
 * Fetches `/api/tasks`, sending the last ETag so an unchanged list costs a 304.
 * Returns the parsed body, the cached one after a 304.
 */
export async function fetchTasks() {
  const headers = { Accept: 'application/json' };
  if (tasksEtag && tasksBody) headers['If-None-Match'] = tasksEtag;
  const response = await fetchOrExplain('/api/tasks', { headers, cache: 'no-cache' }, 'the task manager');
  if (response.status === 304 && tasksBody) return tasksBody;
  if (!response.ok) throw await errorFrom(response, 'Loading tasks');
  tasksBody = await response.json();
  tasksEtag = response.headers.get('ETag');
  return tasksBody;
}

/** Fetches the status snapshot from `/api/status`. */
export async function fetchStatus() {
  const response = await fetchOrExplain('/api/status', { headers: { Accept: 'application/json' } }, 'the task manager');
  if (!response.ok) throw await errorFrom(response, 'Loading the status');
  return response.json();
}

/**
 * Returns the base URL of the task-notes server from its status entry
 * (`{host, port}`), or null when the entry has no port. A wildcard bind
 * address is reached through this page's own host name.
 */
export function notesBaseUrl(server) {
  if (!server || !server.port) return null;
  let host = server.host || window.location.hostname;
  if (host === '0.0.0.0' || host === '::' || host === '[::]') host = window.location.hostname;
  if (host.includes(':') && !host.startsWith('[')) host = `[${host}]`;
  return `${window.location.protocol}//${host}:${server.port}`;
}

/** Fetches the queued-notes count from the task-notes server. */
export async function fetchNotesCount(baseUrl) {
  const response = await fetchOrExplain(`${baseUrl}/notes-count`, { headers: { Accept: 'application/json' } }, `the notes server at ${baseUrl}`);
  if (!response.ok) throw await errorFrom(response, 'Reading the notes count');
  const body = await response.json();
  return Number(body.count);
}

/**
 * Saves a note on the task-notes server. Resolves to the server's success
 * message; rejects with an ApiError that carries the server's own message.
 */
export async function saveNote(baseUrl, task, noteText) {
  const payload = {
    task_id: task.id,
    client: task.client_name ?? task.client ?? '',
    task_title: task.title ?? '',
    priority: task.priority ?? '',
    due_date: task.due_date ?? '',
    note_text: noteText,
  };
  const response = await fetchOrExplain(`${baseUrl}/save-note`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(payload),
  }, `the notes server at ${baseUrl}`);
  if (!response.ok) throw await errorFrom(response, 'Saving the note');
  const body = await response.json().catch(() => ({}));
  if (body.success === false) {
    throw new ApiError(`Saving the note failed: ${body.message || 'the notes server reported an error without a message'}`, response.status);
  }
  return body.message || 'Note saved';
}

async function fetchOrExplain(url, options, what) {
  try {
    return await fetch(url, options);
  } catch (cause) {
    // fetch rejects only when no HTTP answer came at all: refused, reset, or blocked by CORS.
    throw new ApiError(`Could not reach ${what} (${cause.message}). Check on the dashboard that it is listening.`);
  }
}

async function errorFrom(response, action) {
  let message = '';
  try {
    const body = await response.json();
    message = body.message || '';
  } catch (ignored) {
    // A body that is not JSON leaves only the status line to report.
  }
  const detail = message || response.statusText || 'no message';
  return new ApiError(`${action} failed with HTTP ${response.status}: ${detail}`, response.status);
}
