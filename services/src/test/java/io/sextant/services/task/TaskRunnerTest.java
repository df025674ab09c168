package io.sextant.services.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskRunnerTest {

  @Test
  void everyLaneRunsOnAThreadWithAStackFarDeeperThanTheOneMegabyteDefault() throws Exception {
    // ONNX Runtime's native code crashed the process on a 1 MB lane thread; the stack a thread
    // really has is observable as how deep a recursion gets before StackOverflowError.
    // Warm up first: compiled frames are smaller than interpreted ones, so both sides of the
    // comparison must be measured with the recursion already compiled.
    for (int i = 0; i < 3; i++) {
      depthOn(32L << 20);
    }
    int oneMegabyte = depthOn(1L << 20);
    try (var runner = new TaskRunner()) {
      for (Lane lane : Lane.values()) {
        int depth = runner.submit(lane, "depth", TaskRunnerTest::maxDepth).get(60, TimeUnit.SECONDS);
        assertTrue(depth > 12 * oneMegabyte,
            lane + ": depth " + depth + " vs " + oneMegabyte + " on a 1 MB thread");
      }
    }
  }

  @Test
  void laneThreadsAreNamedDaemons() throws Exception {
    try (var runner = new TaskRunner()) {
      Thread t = runner.submit(Lane.INDEX, "who", Thread::currentThread).get(10, TimeUnit.SECONDS);
      assertEquals("sextant-index-1", t.getName());
      assertTrue(t.isDaemon());
    }
  }

  private static int depthOn(long stackBytes) throws InterruptedException {
    var depth = new AtomicInteger();
    Thread t = new Thread(null, () -> depth.set(maxDepth()), "probe", stackBytes);
    t.start();
    t.join();
    return depth.get();
  }

  private static int maxDepth() {
    int[] depth = {0};
    try {
      recurse(depth);
    } catch (StackOverflowError expected) {
      // the point of the probe
    }
    return depth[0];
  }

  private static void recurse(int[] depth) {
    depth[0]++;
    recurse(depth);
  }
}
