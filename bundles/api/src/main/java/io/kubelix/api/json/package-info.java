/**
 * JSON handling of API objects: one shared Gson, parsing that reports errors in plain words, and
 * accessors for the metadata every object has.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kubelix.api.json;
