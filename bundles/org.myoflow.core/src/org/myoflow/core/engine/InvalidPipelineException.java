package org.myoflow.core.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The pipeline failed validation; nothing was run. Exit code 2.
 *
 * @since 0.1
 */
public class InvalidPipelineException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ValidationProblem> problems;

    public InvalidPipelineException(List<ValidationProblem> problems) {
        super(problems.size() + " problem(s):\n  " + problems.stream().map(ValidationProblem::toString)
                .collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<ValidationProblem> problems() {
        return problems;
    }
}
