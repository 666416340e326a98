package dev.taskhost.workspace;

public record PersonalTasks(String file, String client, String display) {}
