package io.sextant.services.workspace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive, OS-level lock on a workspace, held while a process writes to it. The OS releases
 * it when the process dies, so a crash never leaves a workspace locked.
 */
public final class WorkspaceLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private WorkspaceLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock or fails at once with a message naming the workspace and the process that holds
   * it (when known).
   */
  public static WorkspaceLock acquire(Workspace ws) throws IOException {
    FileChannel ch = FileChannel.open(ws.lockFile(),
        StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      String holder = "";
      try {
        var buf = java.nio.ByteBuffer.allocate(64);
        ch.read(buf, 0);
        holder = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
      } catch (IOException ignored) {
        // the holder's pid is only a courtesy in the message
      }
      ch.close();
      throw new WorkspaceLockedException("workspace " + ws.root() + " is in use by another Sextant process"
          + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; close it or choose another workspace");
    }
    ch.truncate(0);
    ch.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
    return new WorkspaceLock(ch, l);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** Thrown when another process holds the workspace. */
  public static final class WorkspaceLockedException extends IOException {
    public WorkspaceLockedException(String message) {
      super(message);
    }
  }
}
