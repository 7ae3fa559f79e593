package dev.accountadmin.server;

import dev.accountadmin.domain.Directory;
import dev.accountadmin.domain.UnitOfWork.Memberships;
import dev.accountadmin.v1.Group;
import dev.accountadmin.v1.GroupMembership;
import dev.accountadmin.v1.Licence;
import dev.accountadmin.v1.ListUserMembershipsResponse;
import java.util.LinkedHashMap;

/** Groups and licences as the API's messages. */
final class MembershipProtos {
  private MembershipProtos() {}

  static Group toProto(Memberships.Group group) {
    return Group.newBuilder().setId(group.id()).setDisplayName(group.name()).build();
  }

  static Licence toProto(Memberships.Licence licence) {
    return Licence.newBuilder().setSku(licence.sku()).setDisplayName(licence.name())
        .setTotalSeats(licence.seats()).setUsedSeats(licence.used()).build();
  }

  // The store has a row per membership and per ownership; the API has one entry per group.
  static ListUserMembershipsResponse toProto(Directory.UserMemberships memberships) {
    var byGroup = new LinkedHashMap<String, GroupMembership.Builder>();
    for (var m : memberships.groups()) {
      var entry = byGroup.computeIfAbsent(m.group().id(), id -> GroupMembership.newBuilder().setGroup(toProto(m.group())));
      if (m.owner()) {
        entry.setOwner(true);
      } else {
        entry.setMember(true);
      }
    }
    var response = ListUserMembershipsResponse.newBuilder()
        .addAllAdminRoles(Protos.roles(memberships.user().roles()));
    byGroup.values().stream().sorted(java.util.Comparator.comparing(b -> b.getGroup().getDisplayName().toLowerCase(java.util.Locale.ROOT)))
        .forEach(b -> response.addGroups(b.build()));
    memberships.licences().forEach(l -> response.addLicences(toProto(l)));
    return response.build();
  }
}
