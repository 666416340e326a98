package dev.taskhost.page;

import java.nio.file.Path;

/**
 * The servers a browser test drives: the real taskhost jar as a child
 * process, or the in-process stub while the jar lacks the HTTP servers.
 */
interface TaskhostUnderTest extends AutoCloseable {

    /** Returns the task-manager origin, such as `http://127.0.0.1:41234`. */
    String pageUrl();

    /** Returns the port the task-notes server listens on now. */
    int notesPort();

    /** Returns the workspace folder the host serves, a temporary copy that tests may edit. */
    Path workspace();

    /** Tells the host that a file in the workspace changed; the real host notices by itself. */
    void workspaceChanged(String relativeFile) throws Exception;

    /** Moves the task-notes server to another port and waits until it listens there. */
    void moveNotesServer(int newPort) throws Exception;

    /** Stops the task-notes server the way `enabled: false` in the config does. */
    void disableNotesServer() throws Exception;

    @Override
    void close() throws Exception;
}
