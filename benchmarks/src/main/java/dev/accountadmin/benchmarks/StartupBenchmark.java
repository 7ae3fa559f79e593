package dev.accountadmin.benchmarks;

import dev.accountadmin.server.AccountAdminServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * From nothing to serving: open and migrate a new SQLite database, bootstrap the directory (one
 * Argon2id hash), start gRPC. A fresh JVM per fork, no warm-up: a real start is cold.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Startup}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class StartupBenchmark {
  @Benchmark
  public int startNewServer() throws Exception {
    var dir = Files.createTempDirectory("accountadmin-start");
    try (var server = AccountAdminServer.start(AccountAdminServer.Config.forDataDir(dir)
        .bootstrapPassword(BenchServer.PASSWORD).out(new PrintStream(OutputStream.nullOutputStream())))) {
      return server.port();
    }
  }
}
