import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks that omniflow-bom lists every published artifact of the reactor and nothing else. The
 * reactor is read from the root pom's modules, recursively, so a new module is caught without
 * editing this check. Published: a module with jar packaging whose pom (or an aggregator above it)
 * does not set {@code maven.deploy.skip} to true; its test-jar too if it builds one.
 *
 * <pre>{@code
 * java scripts/BomCheck.java .          # check
 * java scripts/BomCheck.java . --list   # print the published artifacts, one a line
 * }</pre>
 *
 * Run by the root pom at validate; exits 1 naming what is missing or extra.
 */
public final class BomCheck {
  public static void main(String[] args) throws Exception {
    File root = new File(args.length > 0 ? args[0] : ".").getCanonicalFile();
    TreeSet<String> published = new TreeSet<>();
    walk(new File(root, "pom.xml"), false, published);
    published.remove("omniflow-bom");
    if (args.length > 1 && args[1].equals("--list")) {
      published.forEach(System.out::println);
      return;
    }

    Element bom = parse(new File(root, "omniflow-bom/pom.xml"));
    TreeSet<String> listed = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    Element management = child(bom, "dependencyManagement");
    Element dependencies = management == null ? null : child(management, "dependencies");
    for (Element d : children(dependencies, "dependency")) {
      String coordinates = text(d, "artifactId") + typeSuffix(text(d, "type"));
      if (!"ai.omniflow".equals(text(d, "groupId"))) {
        problems.add("not an OmniFlow artifact: " + text(d, "groupId") + ":" + coordinates);
      }
      if (!"${project.version}".equals(text(d, "version"))) {
        problems.add(coordinates + " must have version ${project.version}");
      }
      if (!listed.add(coordinates)) {
        problems.add("listed twice: " + coordinates);
      }
    }
    for (String a : published) {
      if (!listed.contains(a)) {
        problems.add("published but missing from omniflow-bom: " + a);
      }
    }
    for (String a : listed) {
      if (!published.contains(a)) {
        problems.add("in omniflow-bom but not a published module: " + a);
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("BOM check: " + p));
      System.exit(1);
    }
    System.out.println("BOM check: omniflow-bom lists the " + published.size() + " published artifacts");
  }

  private static void walk(File pom, boolean skippedAbove, TreeSet<String> published)
      throws Exception {
    Element project = parse(pom);
    boolean skipped = skippedAbove;
    Element properties = child(project, "properties");
    if (properties != null && child(properties, "maven.deploy.skip") != null) {
      skipped = Boolean.parseBoolean(text(properties, "maven.deploy.skip"));
    }
    String packaging = text(project, "packaging");
    if (!skipped && (packaging == null || packaging.equals("jar"))) {
      String artifactId = text(project, "artifactId");
      published.add(artifactId);
      if (project.getTextContent().contains("test-jar") && buildsTestJar(project)) {
        published.add(artifactId + typeSuffix("test-jar"));
      }
    }
    Element modules = child(project, "modules");
    for (Element module : children(modules, "module")) {
      walk(new File(new File(pom.getParentFile(), module.getTextContent().trim()), "pom.xml"),
          skipped, published);
    }
  }

  private static boolean buildsTestJar(Element project) {
    var goals = project.getElementsByTagName("goal");
    for (int i = 0; i < goals.getLength(); i++) {
      if ("test-jar".equals(goals.item(i).getTextContent().trim())) {
        return true;
      }
    }
    return false;
  }

  private static String typeSuffix(String type) {
    return type == null || type.equals("jar") ? "" : ":" + type;
  }

  private static Element parse(File pom) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom).getDocumentElement();
  }

  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }
}
