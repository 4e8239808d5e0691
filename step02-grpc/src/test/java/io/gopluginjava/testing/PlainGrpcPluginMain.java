package io.gopluginjava.testing;

import io.gopluginjava.step02.plugin.KvPluginMain;

/** A KV plugin that ignores AutoMTLS, like go-plugin's Python example: it serves plaintext whatever the host asks. */
public final class PlainGrpcPluginMain {

  public static void main(String[] args) throws Exception {
    // The JVM cannot unset its own environment, so this plugin runs the real one without PLUGIN_CLIENT_CERT.
    ProcessBuilder builder = new ProcessBuilder(io.gopluginjava.core.JavaCommand.forMain(KvPluginMain.class)).inheritIO();
    builder.environment().remove("PLUGIN_CLIENT_CERT");
    Process plugin = builder.start();
    io.gopluginjava.core.ParentWatch.onParentExit(plugin::destroyForcibly);
    System.exit(plugin.waitFor());
  }
}
