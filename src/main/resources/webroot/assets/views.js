/**
 * Rendering of the task lists: priority groups, client groups and reminders.
 * Every task field reaches the page through dom.el, so as text.
 */
import { el } from './dom.js';
import { daysBetween } from './clock.js';
import {
  PRIORITY_NAMES, clientDisplay, clientOf, dueDateOf, nestChildren, priorityOf, tagsOf, titleOf,
} from './model.js';

/** Describes a due date relative to today: overdue, today, or how far ahead. */
export function dueDescription(due, today) {
  const days = daysBetween(today, due);
  if (days < 0) return { overdue: true, text: `Overdue by ${-days} day${days === -1 ? '' : 's'}` };
  if (days === 0) return { overdue: false, text: 'Due today' };
  if (days === 1) return { overdue: false, text: 'Due tomorrow' };
  return { overdue: false, text: `Due in ${days} days` };
}

function tagList(task) {
  const tags = tagsOf(task);
  if (tags.length === 0) return null;
  return el('ul', { className: 'tags', attrs: { 'aria-label': 'Tags' } },
    tags.map((tag) => el('li', { className: 'tag', text: tag })));
}

/** Builds one task row; `ctx` has data, today, openTask and showClient. */
export function taskItem(task, ctx) {
  const priority = priorityOf(task);
  const due = dueDateOf(task);
  const dueInfo = due ? dueDescription(due, ctx.today) : null;
  const meta = el('p', { className: 'task-meta' }, [
    el('span', { className: `priority priority-${priority}`, text: priority === 'none' ? '–' : priority }),
    ctx.showClient ? el('span', { className: 'task-client', text: clientDisplay(ctx.data, clientOf(task)) }) : null,
    due ? el('time', {
      className: dueInfo.overdue ? 'due overdue' : 'due',
      text: dueInfo.overdue ? `${due} · overdue` : due,
      attrs: { datetime: due, title: dueInfo.text },
    }) : null,
    task.type === 'parent' ? el('span', { className: 'task-type', text: 'parent' }) : null,
    task.type === 'child' ? el('span', { className: 'task-type', text: 'subtask' }) : null,
    tagList(task),
  ]);
  return el('li', {
    className: 'task',
    attrs: { 'data-task-id': task.id ?? '', 'data-priority': priority, 'data-client': clientOf(task) },
  }, [
    el('button', { className: 'task-open', text: titleOf(task), attrs: { type: 'button' }, on: { click: () => ctx.openTask(task) } }),
    meta,
  ]);
}

/** Renders the priority groups P0 to P3 (and "No priority" when used) into `container`. */
export function renderPriorityGroups(container, groups, ctx) {
  const sections = [];
  for (const [priority, tasks] of groups) {
    const headingId = `priority-heading-${priority}`;
    sections.push(el('section', {
      className: 'priority-group',
      attrs: { 'data-priority': priority, 'aria-labelledby': headingId },
    }, [
      el('h3', { attrs: { id: headingId } }, [
        PRIORITY_NAMES[priority], ' ',
        el('span', { className: 'count', text: tasks.length, attrs: { 'data-count': tasks.length } }),
      ]),
      tasks.length === 0
        ? el('p', { className: 'empty', text: 'No tasks' })
        : el('ul', { className: 'task-list' }, tasks.map((task) => taskItem(task, { ...ctx, showClient: true }))),
    ]));
  }
  container.replaceChildren(...sections);
}

function nestedItems(nodes, ctx) {
  return nodes.map(({ task, children }) => {
    const item = taskItem(task, ctx);
    if (children.length > 0) {
      item.append(el('ul', { className: 'task-list subtasks', attrs: { 'aria-label': `Subtasks of ${titleOf(task)}` } }, nestedItems(children, ctx)));
    }
    return item;
  });
}

function clientCounts(client, shown, filtered) {
  const active = Number(client.active_count ?? 0);
  const parts = [
    filtered ? `${shown} of ${active} active` : `${active} active`,
    `${Number(client.p0_count ?? 0)} P0`,
    `${Number(client.completed_count ?? 0)} completed`,
  ];
  return parts.join(' · ');
}

/**
 * Renders one expandable section per client into `container`. `clients` is a
 * list of `{name, info, tasks}`; `ctx.expanded` is the set of open clients
 * and `ctx.toggleClient(name)` flips one.
 */
export function renderClientGroups(container, clients, ctx) {
  const sections = clients.map(({ name, info, tasks }, index) => {
    const open = ctx.expanded.has(name);
    const bodyId = `client-body-${index}`;
    const toggle = el('button', {
      className: 'client-toggle',
      attrs: { type: 'button', 'aria-expanded': String(open), 'aria-controls': bodyId },
      on: { click: () => ctx.toggleClient(name) },
    }, [
      el('span', { className: 'client-name', text: clientDisplay(ctx.data, name) }),
      ' ',
      el('span', { className: 'count', text: tasks.length, attrs: { 'data-count': tasks.length } }),
    ]);
    const body = el('div', { className: 'client-body', attrs: { id: bodyId, hidden: !open } }, [
      el('p', { className: 'client-counts', text: clientCounts(info, tasks.length, ctx.filtered) }),
      el('p', { className: 'hint', text: `Last updated: ${info.last_updated ?? 'Unknown'}` }),
      tasks.length === 0
        ? el('p', { className: 'empty', text: 'No active tasks' })
        : el('ul', { className: 'task-list' }, nestedItems(nestChildren(tasks), { ...ctx, showClient: false })),
    ]);
    return el('section', { className: 'client-group', attrs: { 'data-client': name, 'data-expanded': String(open) } }, [
      el('h3', {}, [toggle]),
      body,
    ]);
  });
  container.replaceChildren(...sections);
}

/** Renders the reminders (already filtered and sorted) into the list `container`. */
export function renderReminders(container, reminders, ctx) {
  const items = reminders.map((reminder) => {
    const task = reminder.task_data && typeof reminder.task_data === 'object' ? reminder.task_data : reminder;
    const info = dueDescription(reminder.due_date, ctx.today);
    return el('li', {
      className: info.overdue ? 'reminder overdue' : 'reminder',
      attrs: { 'data-task-id': reminder.id ?? '', 'data-due': reminder.due_date, 'data-overdue': String(info.overdue) },
    }, [
      el('time', { className: 'reminder-date', text: reminder.due_date, attrs: { datetime: reminder.due_date } }),
      el('span', { className: 'reminder-when', text: info.text }),
      el('button', {
        className: 'task-open',
        text: titleOf(reminder),
        attrs: { type: 'button' },
        on: { click: () => ctx.openTask({ ...task, client_name: clientOf(task) || reminder.client }) },
      }),
      el('span', { className: 'task-client', text: clientDisplay(ctx.data, reminder.client ?? clientOf(task)) }),
    ]);
  });
  if (items.length === 0) items.push(el('li', { className: 'empty', text: 'No reminders' }));
  container.replaceChildren(...items);
}
