/**
 * Live updates from `/api/events` (server-sent events). The browser reconnects
 * by itself after an error; `onOpen` runs on every (re)connection so the page
 * can catch up on what it missed while disconnected.
 */

/**
 * Opens the event stream.
 * @param {object} handlers `status`, `tasks`, `notes` (each gets the parsed data),
 *   `onOpen`, `onError`
 */
export function connectLive(handlers) {
  const source = new EventSource('/api/events');
  for (const name of ['status', 'tasks', 'notes']) {
    source.addEventListener(name, (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        console.warn(`Ignoring a ${name} event whose data is not JSON: ${event.data}`);
        return;
      }
      handlers[name]?.(data);
    });
  }
  source.addEventListener('open', () => handlers.onOpen?.());
  source.addEventListener('error', () => handlers.onError?.(source.readyState));
  return source;
}

/** Shows the connection state in a `#live-state`-like element. */
export function showLiveState(node, state) {
  const text = {
    connecting: 'Live updates: connecting',
    live: 'Live updates: on',
    reconnecting: 'Live updates: disconnected, reconnecting',
    closed: 'Live updates: off (reload the page to retry)',
  }[state];
  node.dataset.state = state;
  node.textContent = text;
}
