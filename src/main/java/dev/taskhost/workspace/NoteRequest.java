package dev.taskhost.workspace;

public record NoteRequest(String taskId, String client, String taskTitle, String priority, String dueDate, String noteText) {}
