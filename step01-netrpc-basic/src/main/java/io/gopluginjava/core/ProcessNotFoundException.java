package io.gopluginjava.core;

/**
 * A host was told to reattach to a plugin whose process is not running, like go-plugin's
 * {@code ErrProcessNotFound}. Nothing was connected to.
 */
public final class ProcessNotFoundException extends PluginException {

  private final long pid;

  public ProcessNotFoundException(ReattachConfig reattach) {
    super("cannot reattach to the plugin at " + reattach.network() + " " + reattach.address() + ": its process (pid "
        + reattach.pid() + ") is not running");
    this.pid = reattach.pid();
  }

  public long pid() {
    return pid;
  }
}
