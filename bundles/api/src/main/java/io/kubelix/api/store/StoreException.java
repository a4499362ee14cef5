package io.kubelix.api.store;

/** A store failure the caller cannot fix by retrying the same request (I/O error, store closed). */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
