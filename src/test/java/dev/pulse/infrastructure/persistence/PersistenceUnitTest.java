package dev.pulse.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * persistence.xml lists its entity classes (WildFly hands Pulse's bundled Hibernate an archive it
 * cannot scan): the list must be every {@code @Entity} class Pulse has, no more, no less.
 */
class PersistenceUnitTest {

    @Test
    void theListedClassesAreExactlyTheEntities() throws Exception {
        assertEquals(entities(), listed());
    }

    private static Set<String> listed() throws IOException {
        try (InputStream in = PersistenceUnitTest.class.getResourceAsStream("/META-INF/persistence.xml")) {
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Set<String> names = new TreeSet<>();
            Matcher matcher = Pattern.compile("<class>([^<]+)</class>").matcher(xml);
            while (matcher.find()) {
                names.add(matcher.group(1).strip());
            }
            return names;
        }
    }

    private static Set<String> entities() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target", "classes");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes.resolve("dev"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (Class.forName(name, false, PersistenceUnitTest.class.getClassLoader()).isAnnotationPresent(Entity.class)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
