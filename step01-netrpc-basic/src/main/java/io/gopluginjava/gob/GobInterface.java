package io.gopluginjava.gob;

/**
 * A non-nil interface value: the name its concrete type was registered under in Go ({@code gob.Register}), that type,
 * and the value. A nil interface is plain {@code null}.
 */
public record GobInterface(String name, GobType type, Object value) {
}
