package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Spring binds a single request parameter to a {@code List} or an array by splitting it on commas,
 * so a field whose value holds a comma would arrive as several. Controllers read repeated fields
 * with {@link FormValues} instead; this test keeps it so.
 */
@DisplayName("Form binding")
class FormBindingTest {

  @Test
  @DisplayName("no controller binds a request parameter to a list or an array")
  void noRequestParamIsACollection() throws Exception {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
    List<String> controllers = new ArrayList<>();
    List<String> bound = new ArrayList<>();
    for (BeanDefinition d : scanner.findCandidateComponents("ai.omniflow.examples.server")) {
      Class<?> type = Class.forName(d.getBeanClassName());
      controllers.add(type.getSimpleName());
      for (Method m : type.getDeclaredMethods()) {
        for (Parameter p : m.getParameters()) {
          if (p.isAnnotationPresent(RequestParam.class)
              && (Collection.class.isAssignableFrom(p.getType()) || p.getType().isArray())) {
            bound.add(type.getSimpleName() + "." + m.getName() + "(" + p.getName() + ")");
          }
        }
      }
    }
    assertThat(controllers).contains("RoutingSettingsPage", "SlaSettingsPage", "ConnectorsApi");
    assertThat(bound).isEmpty();
  }
}
