package dev.accountadmin.benchmarks;

import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.GetUserRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One admin call, end to end over loopback gRPC: authentication (token and live state), the
 * permission check, the look-up and the answer. The load is realistic: a directory of 10,000
 * users and calls spread over all of them, so no single row stays hot in a cache.
 *
 * <p>Run: {@code mvn -q package -DskipTests && java -jar benchmarks/target/benchmarks.jar AdminCall}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AdminCallBenchmark {
  private BenchServer bench;
  private List<String> users;
  private int next;

  @Setup(Level.Trial)
  public void start() throws Exception {
    bench = new BenchServer(10_000);
    users = bench.staff();
  }

  @TearDown(Level.Trial)
  public void stop() {
    bench.close();
  }

  private String nextUser() {
    next = (next + 7919) % users.size();
    return users.get(next);
  }

  /** A read: GetUser. */
  @Benchmark
  public Object getUser() {
    return bench.admin.getUser(GetUserRequest.newBuilder().setName(nextUser()).build());
  }

  /**
   * A write: BlockSignIn, a durable commit each time (SQLite WAL, synchronous=FULL), so this
   * measures the disk's flush as much as the server.
   */
  @Benchmark
  public Object blockSignIn() {
    return bench.admin.blockSignIn(BlockSignInRequest.newBuilder().setName(nextUser()).build());
  }
}
