package dev.accountadmin.server.store;

import dev.accountadmin.domain.UnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Groups, their members and owners, the licence catalogue and what offboarding removed. */
final class MembershipStore implements UnitOfWork.Memberships {
  // Seats used per product, computed where read so that the count can never drift from the rows.
  private static final String LICENCE_COLUMNS = "l.sku, l.name, l.seats,"
      + " (SELECT COUNT(*) FROM licence_assignments a WHERE a.sku = l.sku) AS used";

  private final Connection c;
  private final Dialect dialect;

  MembershipStore(Connection c, Dialect dialect) {
    this.c = c;
    this.dialect = dialect;
  }

  @Override
  public Group createGroup(String id, String name, Instant now) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("INSERT INTO directory_groups (id, name, name_key, created_at)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING")) {
        s.setString(1, id);
        s.setString(2, name);
        s.setString(3, name.toLowerCase(Locale.ROOT));
        s.setLong(4, now.toEpochMilli());
        s.executeUpdate();
      }
      try (var s = c.prepareStatement("SELECT id, name FROM directory_groups WHERE name_key = ?")) {
        s.setString(1, name.toLowerCase(Locale.ROOT));
        try (var r = s.executeQuery()) {
          r.next();
          return new Group(r.getString("id"), r.getString("name"));
        }
      }
    });
  }

  @Override
  public List<Group> groups() {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("SELECT id, name FROM directory_groups ORDER BY name_key")) {
        var groups = new ArrayList<Group>();
        try (var r = s.executeQuery()) {
          while (r.next()) {
            groups.add(new Group(r.getString("id"), r.getString("name")));
          }
        }
        return groups;
      }
    });
  }

  @Override
  public List<Membership> of(String userId) {
    return memberships("SELECT g.id, g.name, m.owner FROM group_members m JOIN directory_groups g ON g.id = m.group_id"
        + " WHERE m.user_id = ? ORDER BY m.owner, g.name_key", userId);
  }

  @Override
  public int ownerCount(String groupId) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("SELECT COUNT(*) FROM group_members WHERE group_id = ? AND owner = ?")) {
        s.setString(1, groupId);
        s.setBoolean(2, true);
        try (var r = s.executeQuery()) {
          r.next();
          return r.getInt(1);
        }
      }
    });
  }

  @Override
  public boolean add(String userId, Membership membership, Instant now) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("INSERT INTO group_members (group_id, user_id, owner, added_at)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT (group_id, user_id, owner) DO NOTHING")) {
        s.setString(1, membership.group().id());
        s.setString(2, userId);
        s.setBoolean(3, membership.owner());
        s.setLong(4, now.toEpochMilli());
        return s.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean remove(String userId, Membership membership) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("DELETE FROM group_members WHERE group_id = ? AND user_id = ? AND owner = ?")) {
        s.setString(1, membership.group().id());
        s.setString(2, userId);
        s.setBoolean(3, membership.owner());
        return s.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void defineLicence(String sku, String name, int seats) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("INSERT INTO licences (sku, name, seats) VALUES (?, ?, ?)"
          + " ON CONFLICT (sku) DO UPDATE SET name = excluded.name, seats = excluded.seats")) {
        s.setString(1, sku);
        s.setString(2, name);
        s.setInt(3, seats);
        s.executeUpdate();
      }
    });
  }

  @Override
  public List<Licence> licences() {
    return licenceList("SELECT " + LICENCE_COLUMNS + " FROM licences l ORDER BY l.name", null);
  }

  @Override
  public List<Licence> licencesOf(String userId) {
    return licenceList("SELECT " + LICENCE_COLUMNS + " FROM licences l JOIN licence_assignments x ON x.sku = l.sku"
        + " WHERE x.user_id = ? ORDER BY l.name", userId);
  }

  // The product's row is locked first where the engine has row locks, so that two assignments of
  // the last seat cannot both see it free (SQLite's database lock already orders them).
  @Override
  public boolean assign(String userId, String sku, Instant now) {
    return Sql.call(() -> {
      int seats;
      try (var s = c.prepareStatement("SELECT seats FROM licences WHERE sku = ?" + dialect.forUpdate())) {
        s.setString(1, sku);
        try (var r = s.executeQuery()) {
          if (!r.next()) {
            return false;
          }
          seats = r.getInt(1);
        }
      }
      int used;
      try (var s = c.prepareStatement("SELECT COUNT(*) FROM licence_assignments WHERE sku = ?")) {
        s.setString(1, sku);
        try (var r = s.executeQuery()) {
          r.next();
          used = r.getInt(1);
        }
      }
      if (used >= seats) {
        return false;
      }
      try (var s = c.prepareStatement("INSERT INTO licence_assignments (sku, user_id, assigned_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (sku, user_id) DO NOTHING")) {
        s.setString(1, sku);
        s.setString(2, userId);
        s.setLong(3, now.toEpochMilli());
        return s.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean unassign(String userId, String sku) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("DELETE FROM licence_assignments WHERE sku = ? AND user_id = ?")) {
        s.setString(1, sku);
        s.setString(2, userId);
        return s.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void recordRemoved(String userId, List<Membership> removed, Instant now) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("INSERT INTO removed_memberships (user_id, group_id, owner, removed_at)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT (user_id, group_id, owner) DO NOTHING")) {
        for (var m : removed) {
          s.setString(1, userId);
          s.setString(2, m.group().id());
          s.setBoolean(3, m.owner());
          s.setLong(4, now.toEpochMilli());
          s.executeUpdate();
        }
      }
    });
  }

  @Override
  public List<Membership> removed(String userId) {
    return memberships("SELECT g.id, g.name, m.owner FROM removed_memberships m JOIN directory_groups g ON g.id = m.group_id"
        + " WHERE m.user_id = ? ORDER BY m.owner, g.name_key", userId);
  }

  @Override
  public void forgetRemoved(String userId, Membership membership) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("DELETE FROM removed_memberships WHERE user_id = ? AND group_id = ? AND owner = ?")) {
        s.setString(1, userId);
        s.setString(2, membership.group().id());
        s.setBoolean(3, membership.owner());
        s.executeUpdate();
      }
    });
  }

  @Override
  public void recordRemovedLicences(String userId, List<String> skus, Instant now) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("INSERT INTO removed_licences (user_id, sku, removed_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (user_id, sku) DO NOTHING")) {
        for (var sku : skus) {
          s.setString(1, userId);
          s.setString(2, sku);
          s.setLong(3, now.toEpochMilli());
          s.executeUpdate();
        }
      }
    });
  }

  @Override
  public List<Licence> removedLicences(String userId) {
    return licenceList("SELECT " + LICENCE_COLUMNS + " FROM licences l JOIN removed_licences x ON x.sku = l.sku"
        + " WHERE x.user_id = ? ORDER BY l.name", userId);
  }

  @Override
  public void forgetRemovedLicence(String userId, String sku) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("DELETE FROM removed_licences WHERE user_id = ? AND sku = ?")) {
        s.setString(1, userId);
        s.setString(2, sku);
        s.executeUpdate();
      }
    });
  }

  private List<Membership> memberships(String sql, String userId) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement(sql)) {
        s.setString(1, userId);
        var list = new ArrayList<Membership>();
        try (var r = s.executeQuery()) {
          while (r.next()) {
            list.add(new Membership(new Group(r.getString(1), r.getString(2)), r.getBoolean(3)));
          }
        }
        return list;
      }
    });
  }

  private List<Licence> licenceList(String sql, String userId) {
    return Sql.call(() -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        if (userId != null) {
          s.setString(1, userId);
        }
        var list = new ArrayList<Licence>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            list.add(licence(r));
          }
        }
        return list;
      }
    });
  }

  private static Licence licence(ResultSet r) throws SQLException {
    return new Licence(r.getString("sku"), r.getString("name"), r.getInt("seats"), r.getInt("used"));
  }
}
