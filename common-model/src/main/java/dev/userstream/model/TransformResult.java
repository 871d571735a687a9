package dev.userstream.model;

/**
 * The outcome of {@link UserTransform#apply}: either a user row or the reason there is none.
 *
 * <p>Sealed so that a job handling both cases is checked by the compiler; on Java 17 use {@code
 * instanceof CreatedUser u} / {@code instanceof Rejection r}.
 */
public sealed interface TransformResult permits CreatedUser, Rejection {}
