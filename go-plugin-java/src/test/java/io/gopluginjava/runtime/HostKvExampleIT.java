package io.gopluginjava.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * examples/host-kv is a project of its own, as a user's is, so it pins its own versions: they must stay the root pom's,
 * or it tests the runtime with another gRPC, protoc or plugin than the reactor does. The README's dependency snippet
 * must name the version this reactor builds. (.ci/run builds and runs the example itself.)
 */
@DisplayName("examples/host-kv, the project outside the reactor that uses the runtime")
class HostKvExampleIT {

  private static final Path ROOT = Path.of("..");
  private static final Path EXAMPLE = ROOT.resolve("examples/host-kv/pom.xml");

  @Test
  @DisplayName("depends on the runtime this reactor builds, and pins every version it shares with the root pom alike")
  void pinsTheRootPomsVersions() throws Exception {
    Document root = parse(ROOT.resolve("pom.xml"));
    Document example = parse(EXAMPLE);
    Map<String, String> rootProperties = properties(root);
    Map<String, String> shared = new LinkedHashMap<>(properties(example));
    shared.keySet().retainAll(rootProperties.keySet());

    assertThat(properties(example).get("go-plugin-java.version")).as("go-plugin-java.version in %s", EXAMPLE)
        .isEqualTo(child(root.getDocumentElement(), "version"));
    assertThat(shared).as("the versions %s pins that the root pom pins too", EXAMPLE)
        .containsKeys("protobuf.version", "protoc-gen-grpc-java.version", "slf4j.version")
        .allSatisfy((name, value) -> assertThat(value).as("%s in %s", name, EXAMPLE)
            .isEqualTo(rootProperties.get(name)));
  }

  @Test
  @DisplayName("is no module of the reactor and has no parent: it finds the runtime by its coordinates only")
  void standsAlone() throws Exception {
    NodeList modules = parse(ROOT.resolve("pom.xml")).getElementsByTagName("module");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < modules.getLength(); i++) {
      names.add(modules.item(i).getTextContent().strip());
    }

    assertThat(parse(EXAMPLE).getElementsByTagName("parent").getLength()).as("<parent> in %s", EXAMPLE).isZero();
    assertThat(names).as("modules of the root pom").contains("go-plugin-java").noneMatch(m -> m.contains("examples"));
  }

  @Test
  @DisplayName("the README's dependency snippet names the runtime at the version this reactor builds")
  void readmeSnippetNamesThisVersion() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher snippet = Pattern.compile("<groupId>io\\.gopluginjava</groupId>\\s*<artifactId>go-plugin-java</artifactId>"
        + "\\s*<version>([^<]+)</version>").matcher(readme);

    assertThat(snippet.find()).as("README.md has the dependency snippet for io.gopluginjava:go-plugin-java").isTrue();
    assertThat(snippet.group(1)).as("the version in README.md's dependency snippet")
        .isEqualTo(child(parse(ROOT.resolve("pom.xml")).getDocumentElement(), "version"));
  }

  private static Document parse(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static Map<String, String> properties(Document pom) {
    Map<String, String> properties = new LinkedHashMap<>();
    NodeList sections = pom.getDocumentElement().getElementsByTagName("properties");
    NodeList children = sections.item(0).getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element property) {
        properties.put(property.getTagName(), property.getTextContent().strip());
      }
    }
    return properties;
  }

  /** The text of {@code parent}'s own child element {@code tag} (not a grandchild's, as a parent pom's version). */
  private static String child(Element parent, String tag) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element element && element.getTagName().equals(tag)) {
        return element.getTextContent().strip();
      }
    }
    throw new AssertionError(parent.getTagName() + " has no <" + tag + ">");
  }
}
