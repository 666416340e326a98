package dev.taskhost.workspace;

import java.util.Map;

/**
 * Location of a task id at the last load.
 *
 * @param file its tasks file, relative to the workspace root
 * @param client the client it is shown under
 * @param task the task as loaded, read-only
 */
record TaskLocation(String file, String client, Map<String, Object> task) {
}
