package io.gopluginjava.core;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The training JVM of a {@link DependencyArchive}: runs every {@link DependencyTraining} on its class path. */
public final class DependencyTrainingMain {

  private DependencyTrainingMain() {}

  public static void main(String[] args) {
    int trainings = 0;
    try {
      for (DependencyTraining training : ServiceLoader.load(DependencyTraining.class)) {
        training.run();
        trainings++;
      }
    } catch (Exception | ServiceConfigurationError | LinkageError e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.out.println(trainings + " training(s) done");
    // A training's threads (event loops that linger) must not keep the JVM, whose exit writes the class list.
    System.exit(trainings > 0 ? 0 : 1);
  }
}
