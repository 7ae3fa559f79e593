package dev.accountadmin.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's writer on a real database file. A group is lined up for certain: the first unit holds
 * the writer until every other one is queued behind it, so the rest form the next group whatever
 * the scheduler does.
 */
final class GroupCommitTest {
  private static final int UNITS = 12;

  @TempDir Path dir;
  Database db;
  ExecutorService callers;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:sqlite:" + dir.resolve("group.db"), null, null, Clock.systemUTC());
    // One thread for the unit that holds the writer, one for each unit queued behind it.
    callers = Executors.newFixedThreadPool(UNITS + 1);
  }

  @AfterEach
  void close() {
    callers.shutdownNow();
    db.close();
  }

  @Test
  void waitingUnits_shareOneCommit_andAUnitThatFails_isUndoneAlone() throws Exception {
    var running = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var holder = callers.submit(() -> db.write(unit -> {
      running.countDown();
      await(release);
      return unit.secrets().getOrCreate("holder", () -> "h", Instant.EPOCH);
    }));
    await(running);
    var before = db.writer().commits();
    List<Future<String>> units = new ArrayList<>();
    for (int i = 0; i < UNITS; i++) {
      var name = "unit-" + i;
      boolean fails = i == UNITS / 2;
      units.add(callers.submit(() -> db.write(unit -> {
        unit.secrets().getOrCreate(name, () -> "v", Instant.EPOCH);
        if (fails) {
          throw new IllegalStateException("this unit fails");
        }
        return name;
      })));
    }
    awaitWaiting(UNITS);
    release.countDown();

    assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo("h");
    for (int i = 0; i < UNITS; i++) {
      var unit = units.get(i);
      if (i == UNITS / 2) {
        assertThatThrownBy(() -> unit.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("this unit fails");
      } else {
        assertThat(unit.get(30, TimeUnit.SECONDS)).isEqualTo("unit-" + i);
      }
    }
    // The holder's group, then one for all the others.
    assertThat(db.writer().commits() - before).isEqualTo(2);
    // Written by the others, and not by the one that failed: getOrCreate keeps what is there.
    for (int i = 0; i < UNITS; i++) {
      var name = "unit-" + i;
      var kept = db.read(unit -> unit.secrets().getOrCreate(name, () -> "absent", Instant.EPOCH));
      assertThat(kept).as(name).isEqualTo(i == UNITS / 2 ? "absent" : "v");
    }
  }

  @Test
  void close_finishesWhatWasQueued_andRefusesWhatComesAfter() throws Exception {
    var running = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var holder = callers.submit(() -> db.write(unit -> {
      running.countDown();
      await(release);
      return unit.secrets().getOrCreate("first", () -> "1", Instant.EPOCH);
    }));
    await(running);
    var queued = callers.submit(() -> db.write(unit -> unit.secrets().getOrCreate("second", () -> "2", Instant.EPOCH)));
    awaitWaiting(1);
    var closing = callers.submit(() -> db.writer().close());
    release.countDown();
    closing.get(30, TimeUnit.SECONDS);

    assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo("1");
    assertThat(queued.get(30, TimeUnit.SECONDS)).isEqualTo("2");
    assertThatThrownBy(() -> db.write(unit -> unit.secrets().getOrCreate("third", () -> "3", Instant.EPOCH)))
        .isInstanceOf(StoreException.class);
  }

  // While the holder runs, `count` units wait behind it.
  private void awaitWaiting(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (db.writer().waiting() != count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " waiting units, found " + db.writer().waiting());
      }
      Thread.sleep(5);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("never released");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
