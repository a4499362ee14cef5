package io.kubelix.api.store;

import java.util.List;

/**
 * An atomic transaction as in etcd v3: when every compare holds, the success operations run,
 * otherwise the failure operations run. All operations that write share one new revision.
 */
public record Txn(List<Compare> compares, List<Op> success, List<Op> failure) {
    public Txn {
        compares = List.copyOf(compares);
        success = List.copyOf(success);
        failure = List.copyOf(failure);
    }

    public static Txn when(Compare compare, Op onSuccess, Op onFailure) {
        return new Txn(List.of(compare), List.of(onSuccess), onFailure == null ? List.of() : List.of(onFailure));
    }
}
