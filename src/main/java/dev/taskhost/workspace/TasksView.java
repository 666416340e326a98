package dev.taskhost.workspace;

import java.time.Instant;

/**
 * The pre-serialised {@code GET /api/tasks} body.
 *
 * @param json UTF-8 JSON bytes; callers must not modify the array
 * @param etag strong entity tag of {@code json}, quotes included, ready for the ETag header
 * @param builtAt when the body was built
 */
public record TasksView(byte[] json, String etag, Instant builtAt) {
}
