package io.sextant.services.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every JMH micro-benchmark of the project shares (JMH reads them from a superclass):
 * mean time per call in microseconds, 3 warm-up and 5 measured iterations of 2 s, in 2 forked JVMs.
 * Run by {@code scripts/micro-bench}: JMH starts its forks with the options of the JVM that runs
 * it, and the script gives that JVM the launcher's (Lucene's vector code needs
 * {@code jdk.incubator.vector}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public abstract class MicroBenchmark {}
