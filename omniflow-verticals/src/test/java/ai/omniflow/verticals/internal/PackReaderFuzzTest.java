package ai.omniflow.verticals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for pack loading: any bytes as a pack file give a pack or problems, never an
 * exception, and each problem is short (no file content echoed at length). In {@code ./mvnw verify}
 * it runs over its seeds; {@code scripts/fuzz.sh PackReaderFuzzTest 300} fuzzes for longer.
 */
class PackReaderFuzzTest {
  private static final int MAX_PROBLEM = 400;

  @FuzzTest(maxDuration = "10s")
  void anyBytesGiveAPackOrShortProblems(byte[] content) {
    List<String> problems = new ArrayList<>();

    var pack = PackReader.read(new PackFile("fuzz.yaml", content), problems);

    assertThat(pack == null).isEqualTo(!problems.isEmpty());
    problems.forEach(p -> assertThat(p).hasSizeLessThanOrEqualTo(MAX_PROBLEM));
  }
}
