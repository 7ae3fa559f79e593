package dev.accountadmin.benchmarks;

import dev.accountadmin.v1.BatchOffboardUsersRequest;
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
 * Offboarding 10,000 users in one batch, the size of a large layoff, on a fresh directory each
 * time (an offboarded user cannot be offboarded again). Single shot: the whole batch is the unit.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Offboard}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class OffboardBenchmark {
  private BenchServer bench;
  private List<String> users;

  @Setup(Level.Iteration)
  public void start() throws Exception {
    bench = new BenchServer(10_000);
    users = bench.staff().subList(0, 10_000);
  }

  @TearDown(Level.Iteration)
  public void stop() {
    bench.close();
  }

  @Benchmark
  public int offboardTenThousand() {
    int count = 0;
    var results = bench.admin.batchOffboardUsers(BatchOffboardUsersRequest.newBuilder().addAllNames(users).build());
    while (results.hasNext()) {
      results.next();
      count++;
    }
    return count;
  }
}
