package io.gopluginjava.grpc;

import io.gopluginjava.core.ClientConfig;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * go-plugin's {@code GRPCDialOptions}, registered on a host's config with
 * {@code ClientConfig.builder().wireOptions(GrpcDialOptions.intercept(...))}: interceptors for every call on the
 * plugin's channel, and options for the channel's builder. Brokered channels get neither, as in go-plugin.
 *
 * @param interceptors for every call, e.g. for tracing or credentials
 * @param channelOptions gets the builder of the plugin's channel after this library has set it up (transport, TLS,
 *     {@code :authority}, message size, flow control), so it can add to or override any of that, e.g.
 *     {@code b -> b.userAgent("my-host/1.0").keepAliveTime(30, SECONDS)}; it is a {@code NettyChannelBuilder}
 */
public record GrpcDialOptions(List<ClientInterceptor> interceptors,
    Consumer<? super ManagedChannelBuilder<?>> channelOptions) implements ClientConfig.WireOptions {

  /** No interceptor, no option: what a host without dial options gets. */
  public static final GrpcDialOptions NONE = new GrpcDialOptions(List.of(), builder -> {});

  public GrpcDialOptions {
    interceptors = List.copyOf(interceptors);
    Objects.requireNonNull(channelOptions, "channelOptions");
  }

  /** Interceptors only. */
  public static GrpcDialOptions intercept(ClientInterceptor... interceptors) {
    return new GrpcDialOptions(List.of(interceptors), NONE.channelOptions());
  }

  /** Channel options only. */
  public static GrpcDialOptions channelOptions(Consumer<? super ManagedChannelBuilder<?>> channelOptions) {
    return new GrpcDialOptions(List.of(), channelOptions);
  }
}
