package io.kubelix.api.store;

import java.util.List;

/**
 * The outcome of a {@link Txn}.
 *
 * @param succeeded whether the compares held (and so the success branch ran)
 * @param revision  the store's revision after the transaction (unchanged when nothing was written)
 * @param results   one entry per operation of the branch that ran, in order: for a Put the new key
 *                  value, for a Delete the value it removed (null when the key was absent), for a
 *                  Get the value read (null when absent)
 */
public record TxnResult(boolean succeeded, long revision, List<KeyValue> results) {
}
