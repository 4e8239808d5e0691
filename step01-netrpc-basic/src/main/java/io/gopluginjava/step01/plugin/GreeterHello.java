package io.gopluginjava.step01.plugin;

import io.gopluginjava.step01.shared.Greeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real Greeter, which runs only inside the plugin process. */
public final class GreeterHello implements Greeter {

  private static final Logger log = LoggerFactory.getLogger(GreeterHello.class);

  @Override
  public String greet() {
    log.info("message from GreeterHello.greet");
    return "Hello!";
  }
}
