package dev.accountadmin.server.store;

import dev.accountadmin.domain.BatchItemState;
import dev.accountadmin.domain.UnitOfWork;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Offboarding batches and their items; a stored response is kept as Base64 text. */
final class BatchStore implements UnitOfWork.Batches {
  private final Connection c;

  BatchStore(Connection c) {
    this.c = c;
  }

  @Override
  public boolean create(String id, String actorId, Instant createdAt, List<String> names, byte[] options) {
    return Sql.call(() -> {
      try (var batch = c.prepareStatement(
          "INSERT INTO batches (id, actor, created_at, total, options) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
        batch.setString(1, id);
        batch.setString(2, actorId);
        batch.setLong(3, createdAt.toEpochMilli());
        batch.setInt(4, names.size());
        batch.setString(5, options.length == 0 ? null : Base64.getEncoder().encodeToString(options));
        if (batch.executeUpdate() == 0) {
          return false;
        }
      }
      try (var item = c.prepareStatement("INSERT INTO batch_items (batch_id, position, name, state) VALUES (?, ?, ?, ?)")) {
        for (int i = 0; i < names.size(); i++) {
          item.setString(1, id);
          item.setInt(2, i + 1);
          item.setString(3, names.get(i));
          item.setString(4, BatchItemState.PENDING.name());
          item.addBatch();
          if (i % 1000 == 999) {
            item.executeBatch();
          }
        }
        item.executeBatch();
      }
      return true;
    });
  }

  @Override
  public Optional<Header> header(String batchId) {
    return Sql.call(() -> {
      try (var batch = c.prepareStatement("SELECT actor, options FROM batches WHERE id = ?")) {
        batch.setString(1, batchId);
        try (var rows = batch.executeQuery()) {
          if (!rows.next()) {
            return Optional.empty();
          }
          var options = rows.getString(2);
          return Optional.of(new Header(rows.getString(1), options == null ? new byte[0] : Base64.getDecoder().decode(options)));
        }
      }
    });
  }

  @Override
  public List<Item> items(String batchId) {
    return Sql.call(() -> {
      var items = new ArrayList<Item>();
      try (var statement = c.prepareStatement(
          "SELECT position, name, state, response FROM batch_items WHERE batch_id = ? ORDER BY position")) {
        statement.setString(1, batchId);
        try (var rows = statement.executeQuery()) {
          while (rows.next()) {
            var response = rows.getString(4);
            items.add(new Item(rows.getInt(1), rows.getString(2), BatchItemState.valueOf(rows.getString(3)),
                response == null ? null : Base64.getDecoder().decode(response)));
          }
        }
      }
      return items;
    });
  }

  @Override
  public void finish(String batchId, int position, BatchItemState state, byte[] response) {
    Sql.run(() -> {
      try (var statement = c.prepareStatement("UPDATE batch_items SET state = ?, response = ? WHERE batch_id = ? AND position = ?")) {
        statement.setString(1, state.name());
        statement.setString(2, Base64.getEncoder().encodeToString(response));
        statement.setString(3, batchId);
        statement.setInt(4, position);
        statement.executeUpdate();
      }
    });
  }
}
