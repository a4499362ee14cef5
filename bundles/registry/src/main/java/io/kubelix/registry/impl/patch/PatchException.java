package io.kubelix.registry.impl.patch;

/** A patch that cannot be applied; the message says why in terms of the patch document. */
public class PatchException extends RuntimeException {
    public PatchException(String message) {
        super(message);
    }
}
