package dev.accountadmin.server.auth;

import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Argon2id's 1 KiB blocks, reused while hashes keep coming and given back when they stop: a pool
 * kept for good would hold the busiest moment's memory (19 MiB a core at OWASP's default) in an
 * idle server's heap. Reuse matters under load, where thousands of blocks living for a whole hash
 * made every young collection copy them; between bursts a fresh allocation costs nothing that
 * matters. A pool without a hash for one whole period (and none running) is dropped for an empty
 * one, and the collector returns its memory.
 */
final class IdleBlockPool implements Argon2BytesGenerator.BlockPool {
  private static final long PERIOD_SECONDS = 5;

  private final int capacity;
  private volatile Argon2BytesGenerator.FixedBlockPool blocks;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicLong started = new AtomicLong();
  private long startedAtLastLook;
  private boolean holding;

  IdleBlockPool(int capacity) {
    this.capacity = capacity;
    this.blocks = new Argon2BytesGenerator.FixedBlockPool(capacity);
    var trimmer = Executors.newSingleThreadScheduledExecutor(r -> {
      var thread = new Thread(r, "argon2id-block-trim");
      thread.setDaemon(true);
      return thread;
    });
    trimmer.scheduleWithFixedDelay(this::trimWhenIdle, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
  }

  /** Around every hash: what tells a busy pool from an idle one. */
  void began() {
    running.incrementAndGet();
    started.incrementAndGet();
  }

  void ended() {
    running.decrementAndGet();
  }

  @Override
  public Argon2BytesGenerator.Block allocate() {
    return blocks.allocate();
  }

  @Override
  public void deallocate(Argon2BytesGenerator.Block block) {
    blocks.deallocate(block);
  }

  // Only the trimmer's thread runs this. A hash that starts just after the look keeps working: it
  // allocates from, and gives back to, whichever pool is current then.
  private void trimWhenIdle() {
    var seen = started.get();
    if (seen != startedAtLastLook) {
      startedAtLastLook = seen;
      holding = true;
      return;
    }
    if (holding && running.get() == 0) {
      blocks = new Argon2BytesGenerator.FixedBlockPool(capacity);
      holding = false;
    }
  }
}
