package io.gopluginjava.core;

/**
 * Work that loads, in a JVM of its own ({@link DependencyTrainingMain}), the classes of the JDK and of the dependency
 * jars that a step's plugins and hosts load, for the {@link DependencyArchive} of the step's test class path. It runs
 * no workbook piece, so that a step whose pieces are TODOs gets the same archive. A step's tests register theirs in
 * their resources, {@code META-INF/services/io.gopluginjava.core.DependencyTraining}, one class name a line.
 */
public interface DependencyTraining {

  void run() throws Exception;
}
