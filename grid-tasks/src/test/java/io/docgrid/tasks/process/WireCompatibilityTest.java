package io.docgrid.tasks.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.grid.WirePayloads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamField;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The golden fixtures under {@code src/test/resources/wire} against the current classes: this build
 * reads what the versions next to it wrote, writes what they read, and pins every type on the wire.
 * See "Changing a wire type" in docs/upgrades.md for what to do when one of these fails.
 */
class WireCompatibilityTest {

  private static final int PREVIOUS = WireFormat.VERSION - 1;

  @Test
  void every_payload_type_has_a_sample() {
    Set<Class<?>> concrete = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
    for (Class<?> type : WireFormat.PAYLOAD_TYPES) {
      concrete.addAll(type.isSealed() ? List.of(type.getPermittedSubclasses()) : List.of(type));
    }

    assertThat(WireSamples.all().values().stream().map(Object::getClass).toList())
        .as("WireSamples must hold one instance of every concrete WireFormat.PAYLOAD_TYPES type")
        .containsExactlyInAnyOrderElementsOf(concrete);
  }

  @Test
  void every_sample_has_a_fixture_of_the_current_version() {
    assertThat(WireFixtures.of(WireFormat.VERSION).keySet())
        .as(
            "fixtures of wire version %d; a missing one means a type or the version is new: %s",
            WireFormat.VERSION, WireFixtures.HOW_TO_WRITE)
        .containsExactlyInAnyOrderElementsOf(WireSamples.all().keySet());
  }

  @Test
  void the_previous_version_has_fixtures_kept_for_the_nodes_next_to_this_one() {
    assertThat(WireFixtures.versions())
        .as("wire/v%d must stay while version %d nodes may share a cluster", PREVIOUS, PREVIOUS)
        .contains(PREVIOUS, WireFormat.VERSION);
  }

  @Test
  void the_current_fixtures_have_the_shapes_of_the_current_classes() {
    WireFixtures.of(WireFormat.VERSION)
        .forEach(
            (name, payload) -> {
              for (ObjectStreamClass written : ourDescriptors(payload)) {
                ObjectStreamClass current = currentDescriptor(written.getName());
                assertThat(fieldsOf(current))
                    .as(
                        "%s changed shape since wire/v%d was written: bump WireFormat.VERSION, then"
                            + " %s, and keep wire/v%d, which the next version's nodes still read",
                        written.getName(),
                        WireFormat.VERSION,
                        WireFixtures.HOW_TO_WRITE,
                        WireFormat.VERSION)
                    .isEqualTo(fieldsOf(written));
                if (!current.forClass().isRecord() && !current.forClass().isEnum()) {
                  assertThat(current.getSerialVersionUID())
                      .as("serialVersionUID of %s, a class rather than a record", written.getName())
                      .isEqualTo(written.getSerialVersionUID());
                }
              }
            });
  }

  @Test
  void every_type_a_payload_can_hold_is_in_a_current_fixture() {
    Set<String> inFixtures =
        WireFixtures.of(WireFormat.VERSION).values().stream()
            .flatMap(payload -> ourDescriptors(payload).stream())
            .map(ObjectStreamClass::getName)
            .collect(Collectors.toSet());
    Set<Class<?>> reachable = new LinkedHashSet<>();
    WireFormat.PAYLOAD_TYPES.forEach(type -> collectTypesWithin(type, reachable));

    for (Class<?> type : reachable) {
      if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
        assertThat(inFixtures)
            .as(
                "%s can travel in a payload but no fixture holds one: fill it in in WireSamples,"
                    + " then %s",
                type.getName(), WireFixtures.HOW_TO_WRITE)
            .contains(type.getName());
      }
    }
  }

  @Test
  void fixtures_of_every_readable_version_decode_to_their_samples() {
    Map<String, Serializable> samples = WireSamples.all();
    for (int version : WireFixtures.versions()) {
      if (!WireFormat.reads(version)) {
        continue;
      }
      WireFixtures.of(version)
          .forEach(
              (name, payload) -> {
                Serializable sample = samples.get(name);
                Object decoded = WirePayloads.decode(payload, sample.getClass());
                if (version == WireFormat.VERSION) {
                  assertThat(decoded).as("wire/v%d/%s", version, name).isEqualTo(sample);
                } else {
                  // Components added since that version were absent from its stream and read as
                  // null: everything else must come through as written.
                  assertThat(decoded)
                      .as("wire/v%d/%s read by version %d", version, name, WireFormat.VERSION)
                      .usingRecursiveComparison()
                      .ignoringActualNullFields()
                      .isEqualTo(sample);
                }
              });
    }
  }

  @Test
  void the_previous_version_reads_what_this_version_writes() {
    Map<String, byte[]> current = WireFixtures.of(WireFormat.VERSION);
    WireFixtures.of(PREVIOUS)
        .forEach(
            (name, previousPayload) -> {
              List<ObjectStreamClass> previousShapes = ourDescriptors(previousPayload);
              Set<String> previousTypes =
                  previousShapes.stream()
                      .map(ObjectStreamClass::getName)
                      .collect(Collectors.toSet());
              for (ObjectStreamClass previous : previousShapes) {
                // A field the previous version has and we no longer write reaches its nodes as
                // null or zero, or, retyped, fails to read at all.
                assertThat(fieldsOf(currentDescriptor(previous.getName())))
                    .as(
                        "%s lost or retyped fields that version %d nodes still read: add"
                            + " components, never remove, rename or retype one (docs/upgrades.md)",
                        previous.getName(), PREVIOUS)
                    .containsAll(fieldsOf(previous));
              }
              if (current.containsKey(name)) {
                assertThat(previousTypes)
                    .as(
                        "a %s now holds types version %d nodes do not have: they cannot read it",
                        name, PREVIOUS)
                    .containsAll(
                        ourDescriptors(current.get(name)).stream()
                            .map(ObjectStreamClass::getName)
                            .toList());
              }
            });
  }

  @Test
  void a_reader_that_knows_nothing_of_versions_still_reads_current_payloads() {
    // Exactly how nodes before wire versioning read: one object, whatever follows it ignored.
    ObjectInputFilter filter =
        ObjectInputFilter.Config.createFilter(
            "io.docgrid.tasks.**;java.lang.*;java.util.*;java.time.*;!*");
    WireFixtures.of(WireFormat.VERSION)
        .forEach(
            (name, payload) -> {
              try (ObjectInputStream in =
                  new ObjectInputStream(new ByteArrayInputStream(payload))) {
                in.setObjectInputFilter(filter);
                assertThat(in.readObject()).as(name).isEqualTo(WireSamples.all().get(name));
              } catch (IOException | ClassNotFoundException e) {
                throw new AssertionError(name + " is unreadable without the footer logic", e);
              }
            });
  }

  @Test
  void payloads_of_versions_two_apart_are_refused_naming_both_versions() {
    byte[] payload = WirePayloads.encode(WireSamples.pagesDone());

    for (int version : List.of(WireFormat.VERSION + 2, WireFormat.VERSION - 2)) {
      assertThatThrownBy(() -> WirePayloads.decode(withVersion(payload, version), PagesDone.class))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("wire version " + version)
          .hasMessageContaining("node of version " + WireFormat.VERSION)
          .hasMessageContaining("upgrade one release at a time");
    }
    assertThat(WirePayloads.decode(withVersion(payload, WireFormat.VERSION + 1), PagesDone.class))
        .isEqualTo(WireSamples.pagesDone());
  }

  @Test
  void a_type_that_is_not_a_payload_type_is_refused_both_ways() {
    assertThatThrownBy(() -> WirePayloads.encode(ExtractionScope.EVERYTHING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WireFormat.PAYLOAD_TYPES");
    byte[] payload = WirePayloads.encode(WireSamples.pagesDone());
    assertThatThrownBy(() -> WirePayloads.decode(payload, ExtractionScope.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void classes_that_ignite_marshals_itself_keep_their_fields() {
    // Outside the versioned payloads: Ignite marshals jobs and the failures they throw, so their
    // fields must not change. New data travels in a payload type instead.
    Map<Class<?>, List<String>> pinned =
        Map.of(
            ProcessDocumentJob.class,
            List.of("encodedRequest:[B"),
            nestedClass(SearchablePdfTask.class, "SearchablePdfJob"),
            List.of("encodedRequest:[B"),
            nestedClass(PageImageTask.class, "PageImageJob"),
            List.of("encodedRequest:[B"),
            DocumentProcessingException.class,
            List.of(
                "causeSummary:Ljava/lang/String;",
                "code:Lio/docgrid/tasks/document/DocumentErrorCode;"));

    pinned.forEach(
        (type, fields) -> {
          ObjectStreamClass shape = ObjectStreamClass.lookup(type);
          assertThat(fieldsOf(shape))
              .as("serialised fields of %s", type.getName())
              .isEqualTo(new TreeSet<>(fields));
          assertThat(shape.getSerialVersionUID()).as("serialVersionUID of %s", type).isEqualTo(1L);
        });
  }

  private static byte[] withVersion(byte[] payload, int version) {
    byte[] copy = payload.clone();
    ByteBuffer.wrap(copy).putInt(copy.length - Integer.BYTES, version);
    return copy;
  }

  /** Descriptors of DocGrid's own classes in a payload; JDK ones are the JDK's to keep stable. */
  private static List<ObjectStreamClass> ourDescriptors(byte[] payload) {
    return WireFixtures.descriptorsOf(payload).stream()
        .filter(descriptor -> descriptor.getName().startsWith("io.docgrid."))
        .toList();
  }

  private static ObjectStreamClass currentDescriptor(String className) {
    try {
      return ObjectStreamClass.lookupAny(
          Class.forName(className, false, WireCompatibilityTest.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      throw new AssertionError(
          className + " is gone, but nodes of the versions next to this one still send it", e);
    }
  }

  private static Set<String> fieldsOf(ObjectStreamClass descriptor) {
    return Arrays.stream(descriptor.getFields())
        .map(WireCompatibilityTest::signature)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String signature(ObjectStreamField field) {
    return field.getName()
        + ":"
        + (field.isPrimitive() ? String.valueOf(field.getTypeCode()) : field.getTypeString());
  }

  private static Class<?> nestedClass(Class<?> outer, String simpleName) {
    return Arrays.stream(outer.getDeclaredClasses())
        .filter(nested -> nested.getSimpleName().equals(simpleName))
        .findFirst()
        .orElseThrow();
  }

  /** Every DocGrid type a value of {@code type} can hold, following components and fields. */
  private static void collectTypesWithin(Type type, Set<Class<?>> found) {
    if (type instanceof ParameterizedType parameterized) {
      collectTypesWithin(parameterized.getRawType(), found);
      Arrays.stream(parameterized.getActualTypeArguments())
          .forEach(argument -> collectTypesWithin(argument, found));
    } else if (type instanceof WildcardType wildcard) {
      Arrays.stream(wildcard.getUpperBounds()).forEach(bound -> collectTypesWithin(bound, found));
    } else if (type instanceof Class<?> plain) {
      Class<?> element = plain.isArray() ? plain.getComponentType() : plain;
      if (!element.getName().startsWith("io.docgrid.") || !found.add(element)) {
        return;
      }
      if (element.isSealed()) {
        Arrays.stream(element.getPermittedSubclasses())
            .forEach(subclass -> collectTypesWithin(subclass, found));
      }
      if (element.isRecord()) {
        for (RecordComponent component : element.getRecordComponents()) {
          collectTypesWithin(component.getGenericType(), found);
        }
      } else if (!element.isEnum() && !element.isInterface()) {
        for (Field field : element.getDeclaredFields()) {
          int modifiers = field.getModifiers();
          if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
            collectTypesWithin(field.getGenericType(), found);
          }
        }
      }
    }
  }
}
