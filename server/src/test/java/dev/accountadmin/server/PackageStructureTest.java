package dev.accountadmin.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's packages, checked on its compiled classes: the edge (this package) points at the
 * domain, and store, audit, auth and mail point at the domain too, never the other way round. The
 * domain (and its failure types) is a module of its own, which the CLI reads procedures from.
 */
class PackageStructureTest {
  private static JavaClasses server;

  @BeforeAll
  static void importServer() {
    server = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.accountadmin.server", "dev.accountadmin.domain", "dev.accountadmin.failure",
            "dev.accountadmin.connector");
  }

  @Test
  void packages_formNoCycle() {
    // The edge is the root package itself, a slice of its own.
    slices().assignedFrom(new PackageSlices())
        .should().beFreeOfCycles()
        .check(server);
  }

  @Test
  void domain_usesNeitherJdbcNorGrpc_norAnyOtherServerPackage() {
    noClasses().that().resideInAPackage("dev.accountadmin.domain..")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
            "io.grpc..", "com.google.protobuf..", "dev.accountadmin.v1..", "dev.accountadmin.server..",
            "com.unboundid..", "dev.accountadmin.connector..")
        .check(server);
  }

  @Test
  void connectors_speakNeitherGrpcNorSql_andOnlyTheirOwnDirectory() {
    noClasses().that().resideInAPackage("dev.accountadmin.connector..")
        .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "dev.accountadmin.v1..", "java.sql..",
            "dev.accountadmin.server.store..")
        .check(server);
    // LDAP is Active Directory's, in its own package.
    noClasses().that().resideOutsideOfPackage("dev.accountadmin.connector.ad..")
        .should().dependOnClassesThat().resideInAnyPackage("com.unboundid..")
        .check(server);
  }

  @Test
  void failures_dependOnNothingOfTheServer() {
    noClasses().that().resideInAPackage("dev.accountadmin.failure..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.accountadmin.server..", "dev.accountadmin.domain..")
        .check(server);
  }

  @Test
  void onlyTheStore_speaksSql() {
    noClasses().that().resideOutsideOfPackage("dev.accountadmin.server.store..")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
        .check(server);
  }

  /** One slice per package under dev.accountadmin.server, the root package included. */
  private static final class PackageSlices implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass type) {
      var name = type.getPackageName();
      if (name.startsWith("dev.accountadmin.domain") || name.startsWith("dev.accountadmin.failure")) {
        return SliceIdentifier.of(name.split("\\.")[2]);
      }
      // Each connector package is a slice: the framework, and one per kind of directory.
      if (name.startsWith("dev.accountadmin.connector")) {
        return SliceIdentifier.of(name.substring("dev.accountadmin.".length()));
      }
      if (!name.startsWith("dev.accountadmin.server")) {
        return SliceIdentifier.ignore();
      }
      var rest = name.substring("dev.accountadmin.server".length());
      var top = rest.isEmpty() ? "edge" : rest.substring(1).split("\\.")[0];
      return SliceIdentifier.of(top);
    }

    @Override
    public String getDescription() {
      return "packages of the server";
    }
  }
}
