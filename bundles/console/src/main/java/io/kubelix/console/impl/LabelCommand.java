package io.kubelix.console.impl;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "kube", name = "label", description = "Sets (KEY=VALUE) or removes (KEY-) labels of objects")
@Service
public class LabelCommand extends MetadataEditCommand {
    @Override
    protected String field() {
        return "labels";
    }

    @Override
    protected String noun() {
        return "label";
    }

    @Override
    protected String verbPast() {
        return "labeled";
    }
}
