package org.myoflow.run.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The experiment the run-service tests share: pipeline 'p' of independent ramp nodes (experiment 't', seed 5). */
final class RampExperiment {

    private RampExperiment() {
    }

    /** Writes {@code dir/e.myoflow} with one {@code org.myoflow.test.ramp} node per id. */
    static Path write(Path dir, String... nodeIds) throws IOException {
        StringBuilder nodes = new StringBuilder();
        for (String id : nodeIds) {
            nodes.append("    <nodes id=\"").append(id).append("\" stepId=\"org.myoflow.test.ramp\" stepVersion=\"1.0.0\"/>\n");
        }
        Path f = dir.resolve("e.myoflow");
        Files.writeString(f, """
                <?xml version="1.0" encoding="UTF-8"?>
                <myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="t" seed="5">
                  <pipelines name="p">
                %s  </pipelines>
                </myoflow:Experiment>
                """.formatted(nodes));
        return f;
    }
}
