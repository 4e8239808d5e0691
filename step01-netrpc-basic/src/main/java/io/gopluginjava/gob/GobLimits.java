package io.gopluginjava.gob;

/**
 * What a decoder accepts from a peer it does not trust: Go's own decoder checks little ("not designed to be hardened
 * against adversarial inputs"), ours refuses early.
 *
 * @param maxMessageBytes the largest message (a count-prefixed unit on the stream)
 * @param maxDepth how deeply values and type definitions may nest
 * @param maxTypes how many types one stream may define
 */
public record GobLimits(int maxMessageBytes, int maxDepth, int maxTypes) {

  public static final GobLimits DEFAULT = new GobLimits(64 << 20, 100, 10_000);
}
