/**
 * The task dialog: the task's fields, its notes as safe Markdown, and the
 * "Add note" and "Mark done" actions.
 */
import { byId, el } from './dom.js';
import { renderMarkdown } from './markdown.js';
import { clientDisplay, clientOf, priorityOf, tagsOf, titleOf } from './model.js';

/** The text of the note that "Mark done" saves, as the earlier page sent it. */
export const DONE_NOTE = 'Done';

const FIELDS = [
  ['Client', (task, data) => clientDisplay(data, clientOf(task))],
  ['Priority', (task) => (priorityOf(task) === 'none' ? 'none' : priorityOf(task))],
  ['Status', (task) => task.status ?? 'pending'],
  ['Type', (task) => task.type ?? 'standalone'],
  ['Due', (task) => task.due_date],
  ['Estimate', (task) => (Number.isFinite(task.time_estimate_mins) ? `${task.time_estimate_mins} min` : null)],
  ['Source', (task) => task.source],
  ['Parent', (task, data) => parentTitle(task, data)],
  ['Subtasks', (task) => (Array.isArray(task.children) && task.children.length > 0 ? String(task.children.length) : null)],
  ['Created', (task) => task.created_at],
  ['Updated', (task) => task.updated_at],
  ['Id', (task) => task.id],
];

function parentTitle(task, data) {
  if (typeof task.parent_id !== 'string') return null;
  const parent = (data?.all_tasks || []).find((candidate) => candidate.id === task.parent_id);
  return parent ? titleOf(parent) : task.parent_id;
}

/**
 * Controls the dialog. `actions.save(task, text)` saves a note and resolves
 * to the server's message; `onClose` runs when the dialog closes.
 */
export class TaskView {
  constructor(actions) {
    this.actions = actions;
    this.task = null;
    this.data = null;
    // Counts open() calls, so a save that finishes after the user moved on leaves the new view alone.
    this.session = 0;
    this.dialog = byId('task-dialog');
    this.form = byId('note-form');
    this.text = byId('note-text');
    this.message = byId('note-message');
    this.addButton = byId('add-note');
    this.doneButton = byId('mark-done');
    byId('close-task').addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => {
      this.task = null;
      actions.onClose?.();
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const note = this.text.value.trim();
      if (!note) {
        this.showMessage('Write a note first.', 'error');
        this.text.focus();
        return;
      }
      this.save(note, 'Note saved');
    });
    this.doneButton.addEventListener('click', () => this.save(DONE_NOTE, 'Marked done: a "Done" note is queued'));
  }

  /** Returns the open task, or null. */
  get openTask() {
    return this.task;
  }

  /** Shows a task in the dialog. */
  open(task, data) {
    this.task = task;
    this.data = data;
    this.session += 1;
    this.render();
    this.showMessage('', '');
    this.text.value = '';
    if (!this.dialog.open) this.dialog.showModal();
    // showModal focuses the close button; start reading at the top of the task.
    this.dialog.scrollTop = 0;
  }

  /** Re-renders the open task with fresh data, keeping the typed note. */
  refresh(task, data) {
    if (!this.task) return;
    this.task = task;
    this.data = data;
    this.render();
  }

  render() {
    const task = this.task;
    byId('task-title').textContent = titleOf(task);
    this.dialog.dataset.taskId = task.id ?? '';
    const rows = [];
    for (const [label, read] of FIELDS) {
      const value = read(task, this.data);
      if (value === null || value === undefined || value === '') continue;
      rows.push(el('div', { className: 'field' }, [el('dt', { text: label }), el('dd', { text: value })]));
    }
    byId('task-fields').replaceChildren(...rows);
    byId('task-tags').replaceChildren(...tagsOf(task).map((tag) => el('li', { className: 'tag', text: tag })));
    const notes = byId('task-notes');
    if (typeof task.notes === 'string' && task.notes.trim() !== '') {
      notes.replaceChildren(renderMarkdown(task.notes));
    } else {
      notes.replaceChildren(el('p', { className: 'empty', text: 'No notes yet.' }));
    }
  }

  async save(note, successText) {
    const task = this.task;
    const session = this.session;
    const stillOpen = () => this.task !== null && this.session === session;
    this.setBusy(true);
    this.showMessage('Saving…', 'pending');
    try {
      const serverMessage = await this.actions.save(task, note);
      if (!stillOpen()) return;
      this.showMessage(`${successText}. ${serverMessage}`, 'success');
      if (note !== DONE_NOTE) this.text.value = '';
    } catch (error) {
      if (stillOpen()) this.showMessage(error.message, 'error');
    } finally {
      this.setBusy(false);
    }
  }

  setBusy(busy) {
    this.addButton.disabled = busy;
    this.doneButton.disabled = busy;
  }

  showMessage(text, kind) {
    this.message.textContent = text;
    this.message.dataset.kind = kind;
    this.message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  }
}
