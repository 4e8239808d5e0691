package io.gopluginjava.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's launcher, written by the build beside its jar (e.g. {@code target/kv}): {@code java -jar} cannot carry
 * JVM options, and a host that lives a second needs the same ones as its plugin: C1 only, the serial collector, a
 * small first heap, the jar's {@link ClassDataArchive}. A POSIX shell script, so it runs the same on Linux and macOS,
 * from any directory and through a symbolic link, with the JVM the build ran on, or {@code $JAVA_HOME}'s when that
 * one is gone.
 */
final class LauncherScript {

  private LauncherScript() {}

  static Path write(Path jar, String name, String mainClass, Path java) throws IOException {
    Path archive = ClassDataArchive.beside(jar);
    List<String> options = new ArrayList<>(JavaCommand.SHORT_LIVED);
    options.addAll(JavaCommand.QUIET);
    String script = """
        #!/bin/sh
        # %1$s: runs %2$s as a short-lived JVM, with the class-data archive of its jar when
        # there is one. Written by the build (io.gopluginjava.core.LauncherScript); runs from any directory.
        here=$0
        while [ -h "$here" ]; do
          link=$(readlink "$here")
          case $link in /*) here=$link ;; *) here=$(dirname "$here")/$link ;; esac
        done
        dir=$(cd "$(dirname "$here")" && pwd)
        java=%3$s
        [ -x "$java" ] || java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
        set -- %4$s -cp "$dir/"%5$s %2$s "$@"
        if [ -f "$dir/"%6$s ]; then
          set -- -XX:SharedArchiveFile="$dir/"%6$s %7$s "$@"
        fi
        exec "$java" "$@"
        """.formatted(name, mainClass, ShellLine.quoted(java.toString()), String.join(" ", options),
        ShellLine.quoted(jar.getFileName().toString()), ShellLine.quoted(archive.getFileName().toString()),
        String.join(" ", ClassDataArchive.CHECKS));
    Path launcher = jar.resolveSibling(name);
    Files.writeString(launcher, script);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    return launcher;
  }
}
