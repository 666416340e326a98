package dev.taskhost.workspace;

public record NoteResult(String taskId, String file, String message, int notesCount) {}
