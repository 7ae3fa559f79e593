package dev.accountadmin.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The launchers in {@code bin/} keep a class-data archive per jar. The README's order rebuilds the
 * jar while a server started from the old one still runs; that server writes its archive when it
 * stops, after the rebuild. The next start must not map an archive recorded from another jar.
 *
 * <p>{@code -Xshare:on} makes a JVM that cannot map the archive it is given fail instead of
 * starting slowly in silence, so a stale archive is an exit code here, not a timing.
 */
final class LaunchersTest {
  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

  @TempDir Path root;

  @ParameterizedTest
  @CsvSource({"acctadmin, client/target/acctadmin.jar", "accountadmin-server, server/target/accountadmin-server.jar"})
  void anArchiveWrittenAfterARebuild_isNotMapped_andTheNewJarIsRecordedAfresh(String launcher, String jarPath)
      throws Exception {
    var script = root.resolve("bin").resolve(launcher);
    Files.createDirectories(script.getParent());
    Files.copy(REPOSITORY.resolve("bin").resolve(launcher), script);
    script.toFile().setExecutable(true);
    var jar = root.resolve(jarPath);
    Files.createDirectories(jar.getParent());

    buildJar(jar, "first build");
    assertThat(run(script, false)).isEqualTo("first build");
    assertThat(run(script, true)).as("the recorded archive is mapped").isEqualTo("first build");

    buildJar(jar, "second build");
    // The old process stops now and writes its archive, newer than the new jar.
    try (Stream<Path> files = Files.list(jar.getParent())) {
      for (var archive : files.filter(f -> f.toString().endsWith(".jsa")).toList()) {
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
      }
    }

    assertThat(run(script, true)).as("the start after the rebuild").isEqualTo("second build");
    assertThat(run(script, true)).as("the archive of the new jar is mapped").isEqualTo("second build");
  }

  /** Runs the launcher; with {@code strict}, a JVM that cannot map its archive fails. */
  private String run(Path script, boolean strict) throws IOException, InterruptedException {
    var process = new ProcessBuilder(List.of(script.toString())).redirectErrorStream(true);
    if (strict) {
      process.environment().put("JAVA_TOOL_OPTIONS", "-Xshare:on");
    }
    var started = process.start();
    var output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(started.waitFor()).as(output).isZero();
    return output.lines().filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS")).findFirst().orElse("");
  }

  /** A jar whose main class prints {@code text}: each build is a different jar, as a rebuild is. */
  private void buildJar(Path jar, String text) throws IOException {
    var sources = Files.createTempDirectory(root, "src");
    var source = sources.resolve("Main.java");
    Files.writeString(source, "public class Main { public static void main(String[] a) { System.out.println(\""
        + text + "\"); } }");
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", sources.toString(), source.toString()))
        .isZero();
    var manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Main");
    var rebuilt = Files.createTempFile(root, "jar", ".jar");
    try (var out = new JarOutputStream(Files.newOutputStream(rebuilt), manifest)) {
      out.putNextEntry(new JarEntry("Main.class"));
      out.write(Files.readAllBytes(sources.resolve("Main.class")));
      out.closeEntry();
    }
    Files.move(rebuilt, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
