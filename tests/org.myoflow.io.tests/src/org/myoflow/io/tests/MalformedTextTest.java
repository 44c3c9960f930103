package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoflow.core.data.DataException;
import org.myoflow.io.SignalFiles;

/** Every parse error names the file and the 1-based line, then the reason. */
class MalformedTextTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("emg.csv", "time,a,b,c\n0,1,2,3\n0.1,1,2\n", "emg.csv:3: expected 4 values, found 3"),
                Arguments.of("x.csv", "time,biceps\n0,1\n0.1,NaN\n", "x.csv:3: NaN in column biceps"),
                Arguments.of("y.csv", "# numpy export\ntime,biceps\n0,1\n0.1,nan\n", "y.csv:4: NaN in column biceps"),
                Arguments.of("inf.csv", "time,biceps\n0,-Infinity\n", "inf.csv:2: infinite value in column biceps"),
                Arguments.of("word.csv", "time,a\n0,1\n0.1,abc\n", "word.csv:3: 'abc' is not a number"),
                Arguments.of("suffix.csv", "time,a\n0,1.5f\n", "suffix.csv:2: '1.5f' is not a number"),
                Arguments.of("empty.csv", "time,a\n0,\n", "empty.csv:2: empty value in column a"),
                Arguments.of("back.csv", "time,a\n0,1\n0.1,2\n0.1,3\n", "back.csv:4: time 0.1 s is not after"),
                Arguments.of("dup.csv", "time,a,a\n0,1,2\n", "dup.csv:1: duplicate column label 'a'"),
                Arguments.of("norows.csv", "time,a\n", "norows.csv:1: no data rows"),
                Arguments.of("gait.sto", "gait\nnRows=2\nnColumns=2\nendheader\ntime\ta\n0\t1\n0.1\tabc\n",
                        "gait.sto:7: 'abc' is not a number"),
                Arguments.of("nohdr.sto", "x\nversion=1\nnRows=1\ntime\ta\n0\t1\n", "nohdr.sto:5: no 'endheader'"),
                Arguments.of("short.mot", "m\nendheader\ntime\ta\tb\n0\t1\t2\n0.1\t3\n",
                        "short.mot:5: expected 3 values, found 2"),
                Arguments.of("notime.mot", "m\nendheader\nframe\ta\n0\t1\n",
                        "notime.mot:3: the column-label line must start with 'time'"),
                Arguments.of("deg.mot", "m\ninDegrees=maybe\nendheader\ntime\ta\n0\t1\n",
                        "deg.mot:2: inDegrees must be yes or no"),
                Arguments.of("nan.sto", "s\nendheader\ntime\tsoleus_r\n0\t0.1\n0.01\tNaN\n",
                        "nan.sto:5: NaN in column soleus_r"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void namesFileAndLine(String name, String content, String expected) throws Exception {
        Path f = Fixtures.write(dir, name, content);
        DataException e = assertThrows(DataException.class, () -> SignalFiles.read(f));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }
}
