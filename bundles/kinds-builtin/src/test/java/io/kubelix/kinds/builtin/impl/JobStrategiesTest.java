package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Fixtures.assertError;
import static io.kubelix.kinds.builtin.impl.Fixtures.assertNoErrors;
import static io.kubelix.kinds.builtin.impl.Fixtures.at;
import static io.kubelix.kinds.builtin.impl.Fixtures.create;
import static io.kubelix.kinds.builtin.impl.Fixtures.json;
import static io.kubelix.kinds.builtin.impl.Fixtures.string;
import static io.kubelix.kinds.builtin.impl.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobStrategiesTest {
    private static final String UID = "0b6f9d3e-1b7a-4c37-9f52-4d0e1f2a3b4c";
    private final JobStrategies.Jobs jobs = new JobStrategies.Jobs();
    private final JobStrategies.CronJobs cronJobs = new JobStrategies.CronJobs();

    /** A Job as the registry hands it over on create: the uid is already set. */
    private static JsonObject job(String spec) {
        return json("{'apiVersion':'batch/v1','kind':'Job','metadata':{'name':'pi','namespace':'default','uid':'" + UID
                + "'},'spec':" + spec + "}");
    }

    private static final String POD = "'template':{'spec':{'restartPolicy':'Never','containers':[{'name':'pi','image':'perl:5.34'}]}}";

    @Test
    void minimalJobGetsKubernetesDefaultsAndAGeneratedSelector() {
        JsonObject job = job("{" + POD + "}");
        assertNoErrors(create(jobs, job));
        assertEquals(1, at(job, "spec.parallelism").getAsInt());
        assertEquals(1, at(job, "spec.completions").getAsInt());
        assertEquals(6, at(job, "spec.backoffLimit").getAsInt());
        assertEquals("NonIndexed", string(job, "spec.completionMode"));
        assertEquals(false, at(job, "spec.suspend").getAsBoolean());
        assertEquals("TerminatingOrFailed", string(job, "spec.podReplacementPolicy"));

        JsonObject selector = at(job, "spec.selector.matchLabels").getAsJsonObject();
        assertEquals(Map.of("batch.kubernetes.io/controller-uid", UID),
                Map.of(selector.keySet().iterator().next(), selector.get("batch.kubernetes.io/controller-uid").getAsString()));
        JsonObject podLabels = at(job, "spec.template.metadata.labels").getAsJsonObject();
        assertEquals(UID, podLabels.get("batch.kubernetes.io/controller-uid").getAsString());
        assertEquals(UID, podLabels.get("controller-uid").getAsString());
        assertEquals("pi", podLabels.get("job-name").getAsString());
        assertEquals("pi", podLabels.get("batch.kubernetes.io/job-name").getAsString());
        // a Job without labels gets its pods' labels
        assertEquals(podLabels, at(job, "metadata.labels"));
    }

    @Test
    void completionsStayUnsetWhenOnlyParallelismIsGiven() {
        JsonObject job = job("{'parallelism':3," + POD + "}");
        assertNoErrors(create(jobs, job));
        assertNull(at(job, "spec.completions"));
        assertEquals(3, at(job, "spec.parallelism").getAsInt());
        JsonObject withCompletions = job("{'completions':5," + POD + "}");
        jobs.applyDefaults(withCompletions);
        assertEquals(1, at(withCompletions, "spec.parallelism").getAsInt());
        assertEquals(5, at(withCompletions, "spec.completions").getAsInt());
    }

    @Test
    void jobPodsMayNotRestartAlways() {
        // No restartPolicy means Always after defaulting, which a Job rejects: as in Kubernetes.
        JsonObject job = job("{'template':{'spec':{'containers':[{'name':'pi','image':'perl'}]}}}");
        assertError(create(jobs, job), "spec.template.spec.restartPolicy",
                "Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");
    }

    @Test
    void countsMustNotBeNegative() {
        List<FieldError> errors = create(jobs, job("{'parallelism':-1,'completions':-2,'backoffLimit':-3,"
                + "'activeDeadlineSeconds':0," + POD + "}"));
        assertError(errors, "spec.parallelism", "must be greater than or equal to 0");
        assertError(errors, "spec.completions", "must be greater than or equal to 0");
        assertError(errors, "spec.backoffLimit", "must be greater than or equal to 0");
        assertError(errors, "spec.activeDeadlineSeconds", "must be greater than 0");
        assertError(create(jobs, job("{'completionMode':'Indexed','parallelism':2," + POD + "}")), "spec.completions",
                "Required value: when completion mode is Indexed");
    }

    @Test
    void aUserSelectorIsNarrowedToThisJobUnlessManual() {
        JsonObject job = job("{'selector':{'matchLabels':{'app':'pi'}},'template':{'metadata':{'labels':{'app':'pi'}},"
                + "'spec':{'restartPolicy':'Never','containers':[{'name':'pi','image':'perl'}]}}}");
        assertNoErrors(create(jobs, job));
        assertEquals("pi", string(job, "spec.selector.matchLabels.app"));
        assertEquals(UID, at(job, "spec.selector.matchLabels").getAsJsonObject()
                .get("batch.kubernetes.io/controller-uid").getAsString());

        JsonObject otherUid = job("{'selector':{'matchLabels':{'batch.kubernetes.io/controller-uid':'someone-else'}}," + POD + "}");
        assertError(create(jobs, otherUid), "spec.selector", "`selector` not auto-generated");

        JsonObject manual = job("{'manualSelector':true,'selector':{'matchLabels':{'app':'pi'}},'template':{'metadata':"
                + "{'labels':{'app':'pi'}},'spec':{'restartPolicy':'Never','containers':[{'name':'pi','image':'perl'}]}}}");
        assertNoErrors(create(jobs, manual));
        assertNull(at(manual, "spec.template.metadata.labels.controller-uid"));
        assertNull(at(manual, "spec.selector.matchLabels").getAsJsonObject().get("batch.kubernetes.io/controller-uid"));
    }

    @Test
    void templateAndCompletionsAreImmutable() {
        JsonObject old = job("{" + POD + "}");
        jobs.applyDefaults(old);
        JsonObject same = old.deepCopy();
        same.getAsJsonObject("spec").addProperty("parallelism", 4);
        assertNoErrors(update(jobs, same, old));

        JsonObject newImage = old.deepCopy();
        at(newImage, "spec.template.spec.containers").getAsJsonArray().get(0).getAsJsonObject().addProperty("image", "perl:6");
        List<FieldError> errors = update(jobs, newImage, old);
        assertError(errors, "spec.template", "field is immutable");
        assertError(errors, "spec.template", "spec.template.spec.containers[0].image");

        JsonObject moreCompletions = old.deepCopy();
        moreCompletions.getAsJsonObject("spec").addProperty("completions", 3);
        assertError(update(jobs, moreCompletions, old), "spec.completions", "Invalid value: 3: field is immutable");
    }

    @Test
    void jobsExposeStatusSuccessful() {
        JsonObject job = job("{" + POD + "}");
        assertEquals(Map.of("status.successful", "0"), jobs.selectableFields(job));
        job.add("status", json("{'succeeded':2}"));
        assertEquals(Map.of("status.successful", "2"), jobs.selectableFields(job));
    }

    // ---------------------------------------------------------------- CronJob

    private static JsonObject cronJob(String name, String schedule, String extra) {
        return json("{'metadata':{'name':'" + name + "'},'spec':{'schedule':'" + schedule + "'" + extra
                + ",'jobTemplate':{'spec':{" + POD + "}}}}");
    }

    @Test
    void cronJobDefaults() {
        JsonObject cj = cronJob("backup", "*/5 * * * *", "");
        assertNoErrors(create(cronJobs, cj));
        assertEquals("Allow", string(cj, "spec.concurrencyPolicy"));
        assertEquals(false, at(cj, "spec.suspend").getAsBoolean());
        assertEquals(3, at(cj, "spec.successfulJobsHistoryLimit").getAsInt());
        assertEquals(1, at(cj, "spec.failedJobsHistoryLimit").getAsInt());
        assertEquals("ClusterFirst", string(cj, "spec.jobTemplate.spec.template.spec.dnsPolicy"));
        // Job-level defaults are the Job's business when it is created
        assertNull(at(cj, "spec.jobTemplate.spec.backoffLimit"));
    }

    @Test
    void cronJobScheduleAndTimeZoneAreChecked() {
        assertError(create(cronJobs, json("{'metadata':{'name':'b'},'spec':{'jobTemplate':{'spec':{" + POD + "}}}}")),
                "spec.schedule", "Required value");
        assertError(create(cronJobs, cronJob("b", "61 * * * *", "")), "spec.schedule", "Invalid value: \"61 * * * *\"");
        assertError(create(cronJobs, cronJob("b", "TZ=UTC 0 * * * *", "")), "spec.schedule",
                "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        assertError(create(cronJobs, cronJob("b", "@daily", ",'timeZone':'Mars/Olympus'")), "spec.timeZone",
                "unknown time zone Mars/Olympus");
        assertNoErrors(create(cronJobs, cronJob("b", "@daily", ",'timeZone':'Europe/Paris'")));
        assertError(create(cronJobs, cronJob("b", "@daily", ",'concurrencyPolicy':'Sometimes'")), "spec.concurrencyPolicy",
                "Unsupported value");
    }

    @Test
    void cronJobNamesLeaveRoomForTheJobSuffix() {
        assertError(create(cronJobs, cronJob("a".repeat(53), "@hourly", "")), "metadata.name",
                "must be no more than 52 characters");
        assertNoErrors(create(cronJobs, cronJob("a".repeat(52), "@hourly", "")));
    }

    @Test
    void cronJobTemplatesAreValidatedAsJobs() {
        JsonObject cj = json("{'metadata':{'name':'b'},'spec':{'schedule':'@hourly','jobTemplate':{'spec':{"
                + "'selector':{'matchLabels':{'a':'b'}},'backoffLimit':-1,"
                + "'template':{'spec':{'containers':[{'name':'x','image':'y'}]}}}}}}");
        List<FieldError> errors = create(cronJobs, cj);
        assertError(errors, "spec.jobTemplate.spec.selector", "`selector` will be auto-generated");
        assertError(errors, "spec.jobTemplate.spec.backoffLimit", "must be greater than or equal to 0");
        assertError(errors, "spec.jobTemplate.spec.template.spec.restartPolicy", "Unsupported value: \"Always\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * * *", "0 0 * * 0", "*/15 9-17 * * MON-FRI", "0 0 1,15 * *", "30 2 * JAN,jul ?",
            "@hourly", "@midnight", "@every 1h30m", "5/10 * * * *"})
    void goodCronSchedulesPass(String schedule) {
        assertEquals(java.util.Optional.empty(), CronSchedule.problem(schedule), schedule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 7", "*/0 * * * *",
            "5-1 * * * *", "@fortnightly", "@every soon", "a b c d e", "1,,2 * * * *",
            "0 0 L * *"})
    void badCronSchedulesAreExplained(String schedule) {
        assertTrue(CronSchedule.problem(schedule).isPresent(), schedule);
    }
}
