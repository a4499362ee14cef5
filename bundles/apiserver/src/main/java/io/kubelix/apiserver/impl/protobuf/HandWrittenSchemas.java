package io.kubelix.apiserver.impl.protobuf;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;

/**
 * Kinds that client-java-proto 24.0.0 does not ship (coordination.k8s.io/v1 Lease, events.k8s.io/v1 Event),
 * described here by field number and read as {@link DynamicMessage}s. The shared types (ObjectMeta, MicroTime,
 * ObjectReference...) come from the generated descriptors, so the JSON walk treats them the same way.
 */
final class HandWrittenSchemas {

    private static final String META = ".k8s.io.apimachinery.pkg.apis.meta.v1.";
    private static final String CORE = ".k8s.io.api.core.v1.";

    static final Message LEASE = build("k8s.io.api.coordination.v1", "Lease",
            message("Lease",
                    object("metadata", 1, META + "ObjectMeta"),
                    object("spec", 2, ".k8s.io.api.coordination.v1.LeaseSpec")),
            message("LeaseSpec",
                    scalar("holderIdentity", 1, FieldDescriptorProto.Type.TYPE_STRING),
                    scalar("leaseDurationSeconds", 2, FieldDescriptorProto.Type.TYPE_INT32),
                    object("acquireTime", 3, META + "MicroTime"),
                    object("renewTime", 4, META + "MicroTime"),
                    scalar("leaseTransitions", 5, FieldDescriptorProto.Type.TYPE_INT32),
                    scalar("strategy", 6, FieldDescriptorProto.Type.TYPE_STRING),
                    scalar("preferredHolder", 7, FieldDescriptorProto.Type.TYPE_STRING)));

    static final Message EVENTS_EVENT = build("k8s.io.api.events.v1", "Event",
            message("Event",
                    object("metadata", 1, META + "ObjectMeta"),
                    object("eventTime", 2, META + "MicroTime"),
                    object("series", 3, ".k8s.io.api.events.v1.EventSeries"),
                    scalar("reportingController", 4, FieldDescriptorProto.Type.TYPE_STRING),
                    scalar("reportingInstance", 5, FieldDescriptorProto.Type.TYPE_STRING),
                    scalar("action", 6, FieldDescriptorProto.Type.TYPE_STRING),
                    scalar("reason", 7, FieldDescriptorProto.Type.TYPE_STRING),
                    object("regarding", 8, CORE + "ObjectReference"),
                    object("related", 9, CORE + "ObjectReference"),
                    scalar("note", 10, FieldDescriptorProto.Type.TYPE_STRING),
                    scalar("type", 11, FieldDescriptorProto.Type.TYPE_STRING),
                    object("deprecatedSource", 12, CORE + "EventSource"),
                    object("deprecatedFirstTimestamp", 13, META + "Time"),
                    object("deprecatedLastTimestamp", 14, META + "Time"),
                    scalar("deprecatedCount", 15, FieldDescriptorProto.Type.TYPE_INT32)),
            message("EventSeries",
                    scalar("count", 1, FieldDescriptorProto.Type.TYPE_INT32),
                    object("lastObservedTime", 2, META + "MicroTime")));

    private HandWrittenSchemas() {
    }

    private static Message build(String protoPackage, String kind, DescriptorProto... messages) {
        FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder()
                .setName("kubelix/" + protoPackage.replace('.', '/') + "/generated.proto")
                .setPackage(protoPackage)
                .setSyntax("proto2")
                .addDependency(Meta.getDescriptor().getName())
                .addDependency(V1.getDescriptor().getName());
        for (DescriptorProto message : messages) {
            file.addMessageType(message);
        }
        try {
            FileDescriptor built = FileDescriptor.buildFrom(file.build(),
                    new FileDescriptor[] {Meta.getDescriptor(), V1.getDescriptor()});
            return DynamicMessage.getDefaultInstance(built.findMessageTypeByName(kind));
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("the hand-written schema of " + protoPackage + " is inconsistent", e);
        }
    }

    private static DescriptorProto message(String name, FieldDescriptorProto... fields) {
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name);
        for (FieldDescriptorProto field : fields) {
            message.addField(field);
        }
        return message.build();
    }

    private static FieldDescriptorProto scalar(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setJsonName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).build();
    }

    private static FieldDescriptorProto object(String name, int number, String typeName) {
        return FieldDescriptorProto.newBuilder().setName(name).setJsonName(name).setNumber(number)
                .setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(typeName)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).build();
    }
}
