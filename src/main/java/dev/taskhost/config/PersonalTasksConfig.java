package dev.taskhost.config;

/** The optional personal tasks file at the workspace root, shown as one more client. */
public record PersonalTasksConfig(String file, String client, String display) {
}
