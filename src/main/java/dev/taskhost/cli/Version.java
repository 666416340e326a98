package dev.taskhost.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest. */
public final class Version implements IVersionProvider {
  /** The version, or "dev" when running from classes rather than the jar. */
  public static String current() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"taskhost " + current()};
  }
}
