package dev.taskhost.workspace;

public record TasksView(byte[] json, String etag, java.time.Instant builtAt) {}
