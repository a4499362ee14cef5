/**
 * The object store SPI, shaped after etcd v3 so that an etcd backend can replace the embedded one.
 * <p>
 * One cluster-wide revision counts every change; a key's {@code modRevision} is the revision of its
 * last change and becomes the object's {@code resourceVersion}. Writes are transactions guarded by
 * compares; reads are ranges at a revision; watches replay history from any revision that has not
 * been compacted away.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kubelix.api.store;
