package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Problems.child;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** batch/v1 Jobs and CronJobs. */
final class JobStrategies {
    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    static final String JOB_NAME = "batch.kubernetes.io/job-name";
    static final String LEGACY_CONTROLLER_UID = "controller-uid";
    static final String LEGACY_JOB_NAME = "job-name";
    static final List<String> JOB_RESTART_POLICIES = List.of("OnFailure", "Never");
    static final int MAX_CRONJOB_NAME = 52; // the controller appends "-" and an 11-character suffix
    private static final java.util.Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private JobStrategies() {
    }

    /** The template of a Job's pods, with the pod spec defaults. */
    private static void defaultJobTemplate(JsonObject jobSpec) {
        PodTemplateRules.defaultTemplate(JsonFields.object(jobSpec, "template"));
    }

    /**
     * Job spec rules shared by Jobs and CronJob job templates.
     *
     * @param path "spec" for a Job, "spec.jobTemplate.spec" for a CronJob
     */
    private static void validateJobSpec(JsonObject spec, String path, Problems p) {
        for (String count : List.of("parallelism", "completions", "backoffLimit", "backoffLimitPerIndex",
                "maxFailedIndexes")) {
            p.nonNegative(child(path, count), p.int32(spec, count, child(path, count)));
        }
        p.positive(child(path, "activeDeadlineSeconds"), p.integer(spec, "activeDeadlineSeconds",
                child(path, "activeDeadlineSeconds")));
        p.nonNegative(child(path, "ttlSecondsAfterFinished"), p.int32(spec, "ttlSecondsAfterFinished",
                child(path, "ttlSecondsAfterFinished")));
        p.bool(spec, "suspend", child(path, "suspend"));
        String mode = p.string(spec, "completionMode", child(path, "completionMode"));
        p.optionalOneOf(child(path, "completionMode"), mode, List.of("NonIndexed", "Indexed"));
        if ("Indexed".equals(mode) && !JsonFields.present(spec, "completions")) {
            p.required(child(path, "completions"), "when completion mode is Indexed");
        }
        p.optionalOneOf(child(path, "podReplacementPolicy"), p.string(spec, "podReplacementPolicy",
                child(path, "podReplacementPolicy")), List.of("TerminatingOrFailed", "Failed"));

        JsonObject template = p.object(spec, "template", child(path, "template"));
        PodTemplateRules.validateTemplate(template, child(path, "template"), p);
        String restart = JsonFields.string(JsonFields.object(template, "spec"), "restartPolicy");
        if ("Always".equals(restart)) {
            p.notSupported(child(path, "template.spec.restartPolicy"), restart, JOB_RESTART_POLICIES);
        }
    }

    // ------------------------------------------------------------------ Job

    static final class Jobs implements ResourceStrategy {
        @Override
        public void applyDefaults(JsonObject job) {
            JsonObject spec = JsonFields.object(job, "spec");
            if (spec == null) {
                return;
            }
            boolean hasParallelism = JsonFields.present(spec, "parallelism");
            if (!hasParallelism && !JsonFields.present(spec, "completions")) {
                JsonFields.defaultNumber(spec, "completions", 1);
            }
            JsonFields.defaultNumber(spec, "parallelism", 1);
            JsonFields.defaultNumber(spec, "backoffLimit",
                    JsonFields.present(spec, "backoffLimitPerIndex") ? Integer.MAX_VALUE : 6);
            JsonFields.defaultString(spec, "completionMode", "NonIndexed");
            JsonFields.defaultBoolean(spec, "suspend", false);
            JsonFields.defaultString(spec, "podReplacementPolicy",
                    JsonFields.present(spec, "podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
            defaultJobTemplate(spec);
            generateSelector(job, spec);
            // Kubernetes gives a Job without labels the labels of its pods.
            JsonObject templateLabels = JsonFields.object(JsonFields.object(JsonFields.object(spec, "template"),
                    "metadata"), "labels");
            JsonObject metadata = Objects.metadataForWrite(job);
            JsonObject labels = JsonFields.object(metadata, "labels");
            if (templateLabels != null && !templateLabels.isEmpty() && (labels == null || labels.isEmpty())) {
                metadata.add("labels", templateLabels.deepCopy());
            }
        }

        /**
         * Unless the user manages the selector, pods are tied to this Job by its uid: the selector
         * matches the uid label and the template carries it.
         */
        private static void generateSelector(JsonObject job, JsonObject spec) {
            String uid = Objects.uid(job);
            if (uid == null || uid.isEmpty() || JsonFields.isTrue(spec, "manualSelector")) {
                return;
            }
            JsonObject template = JsonFields.object(spec, "template");
            JsonObject metadata = template == null ? null : JsonFields.objectForWrite(template, "metadata");
            JsonObject labels = metadata == null ? null : JsonFields.objectForWrite(metadata, "labels");
            if (labels != null) {
                String name = Objects.name(job);
                JsonFields.defaultString(labels, CONTROLLER_UID, uid);
                JsonFields.defaultString(labels, LEGACY_CONTROLLER_UID, uid);
                if (name != null) {
                    JsonFields.defaultString(labels, JOB_NAME, name);
                    JsonFields.defaultString(labels, LEGACY_JOB_NAME, name);
                }
            }
            JsonObject selector = JsonFields.defaultObject(spec, "selector");
            JsonObject matchLabels = selector == null ? null : JsonFields.defaultObject(selector, "matchLabels");
            JsonFields.defaultString(matchLabels, CONTROLLER_UID, uid);
        }

        @Override
        public List<FieldError> validateCreate(JsonObject job) {
            Problems p = new Problems();
            validate(job, p);
            return p.list();
        }

        private static void validate(JsonObject job, Problems p) {
            JsonObject spec = p.object(job, "spec", "spec");
            if (spec == null) {
                spec = new JsonObject();
            }
            validateJobSpec(spec, "spec", p);
            p.bool(spec, "manualSelector", "spec.manualSelector");
            JsonObject selector = p.object(spec, "selector", "spec.selector");
            Map<String, String> templateLabels = PodTemplateRules.templateLabels(JsonFields.object(spec, "template"));
            Selectors.validateAgainstTemplate(selector, "spec.selector", "job", templateLabels,
                    "spec.template.metadata.labels", p);
            String uid = Objects.uid(job);
            if (!JsonFields.isTrue(spec, "manualSelector") && uid != null && !uid.isEmpty() && selector != null) {
                String selected = JsonFields.string(JsonFields.object(selector, "matchLabels"), CONTROLLER_UID);
                if (!uid.equals(selected)) {
                    p.invalid("spec.selector", JsonFields.shown(selector),
                            "`selector` not auto-generated: set `manualSelector: true` to choose your own selector");
                }
            }
        }

        @Override
        public List<FieldError> validateUpdate(JsonObject job, JsonObject old) {
            Problems p = new Problems();
            validate(job, p);
            JsonObject spec = JsonFields.object(job, "spec");
            JsonObject oldSpec = JsonFields.object(old, "spec");
            for (String field : List.of("selector", "template", "completions", "completionMode")) {
                p.unchanged("spec." + field, spec == null ? null : spec.get(field),
                        oldSpec == null ? null : oldSpec.get(field));
            }
            return p.list();
        }

        @Override
        public Map<String, String> selectableFields(JsonObject job) {
            Long succeeded = JsonFields.integer(JsonFields.object(job, "status"), "succeeded");
            return Map.of("status.successful", String.valueOf(succeeded == null ? 0 : succeeded));
        }
    }

    // ------------------------------------------------------------------ CronJob

    static final class CronJobs implements ResourceStrategy {
        @Override
        public void applyDefaults(JsonObject cronJob) {
            JsonObject spec = JsonFields.object(cronJob, "spec");
            if (spec == null) {
                return;
            }
            JsonFields.defaultString(spec, "concurrencyPolicy", "Allow");
            JsonFields.defaultBoolean(spec, "suspend", false);
            JsonFields.defaultNumber(spec, "successfulJobsHistoryLimit", 3);
            JsonFields.defaultNumber(spec, "failedJobsHistoryLimit", 1);
            defaultJobTemplate(JsonFields.object(JsonFields.object(spec, "jobTemplate"), "spec"));
        }

        @Override
        public List<FieldError> validateCreate(JsonObject cronJob) {
            Problems p = new Problems();
            String name = Objects.name(cronJob);
            if (name != null && name.length() > MAX_CRONJOB_NAME) {
                p.invalid("metadata.name", name, "must be no more than " + MAX_CRONJOB_NAME + " characters");
            }
            JsonObject spec = p.object(cronJob, "spec", "spec");
            if (spec == null) {
                spec = new JsonObject();
            }
            String schedule = p.stringOrEmpty(spec, "schedule", "spec.schedule");
            if (schedule.isEmpty()) {
                p.required("spec.schedule");
            } else if (schedule.contains("TZ=")) {
                p.invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
            } else {
                Optional<String> why = CronSchedule.problem(schedule);
                why.ifPresent(w -> p.invalid("spec.schedule", schedule, w));
            }
            String zone = p.string(spec, "timeZone", "spec.timeZone");
            if (zone != null && !ZONES.contains(zone)) {
                p.invalid("spec.timeZone", zone, "unknown time zone " + zone
                        + " (use an IANA time zone name such as Europe/Paris or Etc/UTC)");
            }
            p.optionalOneOf("spec.concurrencyPolicy", p.string(spec, "concurrencyPolicy", "spec.concurrencyPolicy"),
                    List.of("Allow", "Forbid", "Replace"));
            p.bool(spec, "suspend", "spec.suspend");
            p.nonNegative("spec.startingDeadlineSeconds",
                    p.integer(spec, "startingDeadlineSeconds", "spec.startingDeadlineSeconds"));
            for (String limit : List.of("successfulJobsHistoryLimit", "failedJobsHistoryLimit")) {
                p.nonNegative("spec." + limit, p.int32(spec, limit, "spec." + limit));
            }
            JsonObject jobTemplate = p.object(spec, "jobTemplate", "spec.jobTemplate");
            JsonObject jobSpec = p.object(jobTemplate, "spec", "spec.jobTemplate.spec");
            if (jobSpec == null) {
                p.required("spec.jobTemplate.spec");
                return p.list();
            }
            p.labelsAt(JsonFields.object(jobTemplate, "metadata"), "labels", "spec.jobTemplate.metadata.labels");
            validateJobSpec(jobSpec, "spec.jobTemplate.spec", p);
            Boolean manual = p.bool(jobSpec, "manualSelector", "spec.jobTemplate.spec.manualSelector");
            if (Boolean.TRUE.equals(manual)) {
                p.notSupported("spec.jobTemplate.spec.manualSelector", true, List.of("nil", "false"));
            }
            if (JsonFields.present(jobSpec, "selector")) {
                p.invalid("spec.jobTemplate.spec.selector", JsonFields.shown(jobSpec.get("selector")),
                        "`selector` will be auto-generated");
            }
            return p.list();
        }
    }
}
