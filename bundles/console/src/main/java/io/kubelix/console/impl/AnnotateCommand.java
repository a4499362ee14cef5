package io.kubelix.console.impl;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "kube", name = "annotate", description = "Sets (KEY=VALUE) or removes (KEY-) annotations of objects")
@Service
public class AnnotateCommand extends MetadataEditCommand {
    @Override
    protected String field() {
        return "annotations";
    }

    @Override
    protected String noun() {
        return "annotation";
    }

    @Override
    protected String verbPast() {
        return "annotated";
    }
}
