package ai.omniflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageRequestTest {

  @ParameterizedTest
  @CsvSource({"0,0", "201,0", "-1,0", "20,-1"})
  void aLimitOutsideOneTo200OrANegativeOffsetIsABadRequest(int limit, int offset) {
    assertThatThrownBy(() -> PageRequest.of(limit, offset))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.BAD_REQUEST);
              assertThat(e.kind().httpStatus()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("invalid_paging");
            });
  }

  @Test
  void theBoundsThemselvesAreAccepted() {
    assertThat(PageRequest.of(1, 0).limit()).isEqualTo(1);
    assertThat(PageRequest.of(200, 5).offset()).isEqualTo(5);
  }

  @Test
  void slicingAnOrderedListKeepsTheTotal() {
    Page<Integer> page = Page.slice(List.of(1, 2, 3, 4, 5), PageRequest.of(2, 3));
    assertThat(page.items()).containsExactly(4, 5);
    assertThat(page.total()).isEqualTo(5);
    assertThat(Page.slice(List.of(1), PageRequest.of(2, 9)).items()).isEmpty();
  }
}
