package io.sextant.app.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time per thread of this process, JIT compiler and GC threads included (which
 * {@code ThreadMXBean} does not list), read from Linux's {@code /proc/self/task}. A start-up
 * diagnostic ({@code -Dsextant.startup.threads=true}): it says which thread the start-up's CPU
 * went to.
 */
final class ThreadCpu {

  private ThreadCpu() {}

  /** "name=ms, ..." for threads that used at least 10 ms, most first; "" where /proc is absent. */
  static String perThread() {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return "";
    }
    long tick = 10; // USER_HZ is 100 on every Linux the JVM runs on
    List<String[]> rows = new ArrayList<>();
    try (Stream<Path> ts = Files.list(tasks)) {
      for (Path t : ts.toList()) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          int close = stat.lastIndexOf(')');
          String name = stat.substring(stat.indexOf('(') + 1, close);
          String[] f = stat.substring(close + 2).split(" ");
          long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick; // utime, stime
          if (ms >= 10) {
            rows.add(new String[] {name, Long.toString(ms)});
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended while we read
        }
      }
    } catch (IOException e) {
      return "";
    }
    rows.sort((a, b) -> Long.compare(Long.parseLong(b[1]), Long.parseLong(a[1])));
    return String.join(", ", rows.stream().map(r -> r[0] + "=" + r[1]).toList());
  }
}
