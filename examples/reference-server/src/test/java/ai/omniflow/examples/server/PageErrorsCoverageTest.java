package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;

/** Every page controller answers its errors as a page, so a new one cannot be left out. */
class PageErrorsCoverageTest {

  @Test
  @DisplayName("every page controller of the server is one whose errors PageErrors shows as a page")
  void everyPageControllerIsCovered() {
    ClassPathScanningCandidateComponentProvider scan =
        new ClassPathScanningCandidateComponentProvider(false);
    scan.addIncludeFilter(new AnnotationTypeFilter(Controller.class, false));
    Set<String> pages = new TreeSet<>();
    for (BeanDefinition d : scan.findCandidateComponents(PageErrors.class.getPackageName())) {
      String name = d.getBeanClassName();
      if (!name.equals(PageErrors.class.getName())) {
        pages.add(name);
      }
    }
    Set<String> covered =
        Arrays.stream(PageErrors.class.getAnnotation(ControllerAdvice.class).assignableTypes())
            .map(Class::getName)
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(pages).as("page controllers found").hasSizeGreaterThan(10);
    assertThat(covered).containsAll(pages);
    assertThat(covered)
        .allSatisfy(
            name -> {
              try {
                assertThat(Class.forName(name).isAnnotationPresent(RestController.class))
                    .as(name + " is a page, not a JSON controller")
                    .isFalse();
              } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
              }
            });
  }
}
