/**
 * Pure functions over the `/api/tasks` body: field access that tolerates
 * missing or mistyped fields, filtering, grouping and ordering.
 */

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'];
export const NO_PRIORITY = 'none';

export const PRIORITY_NAMES = {
  P0: 'P0 · Urgent',
  P1: 'P1 · High',
  P2: 'P2 · Normal',
  P3: 'P3 · Low',
  [NO_PRIORITY]: 'No priority',
};

/** Returns the task's priority P0 to P3, or NO_PRIORITY when it is missing or unknown. */
export function priorityOf(task) {
  const value = typeof task?.priority === 'string' ? task.priority.trim().toUpperCase() : '';
  return PRIORITIES.includes(value) ? value : NO_PRIORITY;
}

/** Returns the task's tags that are strings; a missing or mistyped list gives none. */
export function tagsOf(task) {
  return Array.isArray(task?.tags) ? task.tags.filter((tag) => typeof tag === 'string' && tag !== '') : [];
}

/** Returns the task title as text, with a placeholder for a task without one. */
export function titleOf(task) {
  const title = task?.title;
  if (title === undefined || title === null || title === '') return '(untitled task)';
  return String(title);
}

/** Returns the due date when it is a `YYYY-MM-DD` string, else null. */
export function dueDateOf(task) {
  const due = task?.due_date;
  return typeof due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : null;
}

/** Returns the task's client name: `client_name` from the API, else `client`. */
export function clientOf(task) {
  return task?.client_name ?? task?.client ?? '';
}

/** Returns the client's display name from `tasks_by_client`, falling back to the name. */
export function clientDisplay(data, name) {
  const display = data?.tasks_by_client?.[name]?.display;
  return display ? String(display) : String(name);
}

/** Returns the client names in the order the server lists them. */
export function clientNames(data) {
  return Object.keys(data?.tasks_by_client || {});
}

/** Returns every tag of the given tasks, sorted case-insensitively, each once. */
export function allTags(tasks) {
  const tags = new Set();
  for (const task of tasks) tagsOf(task).forEach((tag) => tags.add(tag));
  return [...tags].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}

function searchText(task, data) {
  const parts = [titleOf(task), task.notes, task.source, task.id, clientOf(task), clientDisplay(data, clientOf(task)), ...tagsOf(task)];
  return parts.filter((part) => typeof part === 'string').join('\n').toLocaleLowerCase();
}

/**
 * Returns true when the task passes every filter. Search terms are separated
 * by spaces and must all occur in the title, notes, source, id, client or tags.
 */
export function matchesFilters(task, filters, data) {
  if (filters.client && clientOf(task) !== filters.client) return false;
  if (filters.priority && priorityOf(task) !== filters.priority) return false;
  if (filters.tag && !tagsOf(task).includes(filters.tag)) return false;
  const terms = (filters.search || '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const text = searchText(task, data);
  return terms.every((term) => text.includes(term));
}

/** Returns true when any filter is set. */
export function hasFilters(filters) {
  return Boolean(filters.search?.trim() || filters.client || filters.priority || filters.tag);
}

/** Orders tasks by due date (undated last), then title. */
export function compareTasks(a, b) {
  const dueA = dueDateOf(a);
  const dueB = dueDateOf(b);
  if (dueA !== dueB) {
    if (dueA === null) return 1;
    if (dueB === null) return -1;
    return dueA < dueB ? -1 : 1;
  }
  return titleOf(a).localeCompare(titleOf(b));
}

/** Groups tasks by priority; every priority P0 to P3 is present, NO_PRIORITY only when used. */
export function groupByPriority(tasks) {
  const groups = new Map(PRIORITIES.map((priority) => [priority, []]));
  for (const task of tasks) {
    const priority = priorityOf(task);
    if (!groups.has(priority)) groups.set(priority, []);
    groups.get(priority).push(task);
  }
  for (const list of groups.values()) list.sort(compareTasks);
  return groups;
}

/**
 * Arranges a client's tasks as a tree: parents hold their children that are
 * in the list; a child whose parent is absent stands at the top level.
 * Returns a list of `{task, children}`.
 */
export function nestChildren(tasks) {
  const byId = new Map();
  for (const task of tasks) if (typeof task.id === 'string') byId.set(task.id, { task, children: [] });
  const roots = [];
  for (const task of [...tasks].sort(compareTasks)) {
    const node = byId.get(task.id) || { task, children: [] };
    const parent = typeof task.parent_id === 'string' && task.parent_id !== task.id ? byId.get(task.parent_id) : null;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Returns the reminders ordered soonest first, then by title; undated ones are dropped. */
export function sortReminders(reminders) {
  return reminders
    .filter((reminder) => dueDateOf(reminder))
    .sort((a, b) => (a.due_date === b.due_date ? titleOf(a).localeCompare(titleOf(b)) : a.due_date < b.due_date ? -1 : 1));
}
