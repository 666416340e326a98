package dev.taskhost.workspace;

public record WorkspaceWarning(String file, String message) {}
