package org.myoflow.cli.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The smallest experiment file the command tests need: one pipeline 'p' holding one node of a test step. */
final class OneNodeExperiment {

    private OneNodeExperiment() {
    }

    /** Writes {@code dir/e.myoflow} (experiment 't', seed 5) with node {@code nodeId} of step {@code stepId} 1.0.0. */
    static Path write(Path dir, String nodeId, String stepId) throws IOException {
        Path f = dir.resolve("e.myoflow");
        Files.writeString(f, """
                <?xml version="1.0" encoding="UTF-8"?>
                <myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="t" seed="5">
                  <pipelines name="p">
                    <nodes id="%s" stepId="%s" stepVersion="1.0.0"/>
                  </pipelines>
                </myoflow:Experiment>
                """.formatted(nodeId, stepId));
        return f;
    }
}
