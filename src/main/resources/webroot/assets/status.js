/**
 * Server states as the host publishes them, and the badge that shows one.
 * Shared by the task page and the dashboard.
 */
import { el } from './dom.js';

const STATE_KIND = {
  listening: 'ok',
  starting: 'pending',
  rebinding: 'pending',
  stopping: 'pending',
  'port-conflict': 'conflict',
  stopped: 'off',
  disabled: 'off',
  failed: 'error',
};

/** Returns the badge colour class for a server state: ok, pending, conflict, off, error or unknown. */
export function stateKind(state) {
  return STATE_KIND[state] || 'unknown';
}

/** Returns a short human label for a server state. */
export function stateLabel(state) {
  if (state === 'port-conflict') return 'port conflict';
  return state || 'unknown';
}

/** Builds the badge for one server: its name, state and port, with the detail as tooltip. */
export function serverBadge(name, server) {
  const state = server?.state;
  const where = server?.port ? ` :${server.port}` : '';
  const badge = el('li', {
    className: `badge badge-${stateKind(state)}`,
    attrs: {
      'data-server': name,
      'data-state': state || 'unknown',
      title: server?.detail ? `${name}: ${server.detail}` : null,
    },
  }, [
    el('span', { className: 'badge-name', text: name }),
    ' ',
    el('span', { className: 'badge-state', text: stateLabel(state) }),
    where,
  ]);
  return badge;
}

/** Returns true when a status event is about a server rather than the host or its config. */
export function isServerEvent(event, servers) {
  return Boolean(event && servers && Object.prototype.hasOwnProperty.call(servers, event.source));
}
