package dev.taskhost.workspace;

/**
 * A problem found while reading the workspace: an unparseable file, a duplicate task id, a
 * client folder that carries the personal client's name, and similar.
 *
 * @param file path relative to the workspace root
 * @param message what is wrong and what the store did about it
 */
public record WorkspaceWarning(String file, String message) {
}
