package io.latentad.models.data;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the small files under src-test/models/resources/data. */
final class TestData {
    private TestData() {
    }

    static Path path(String name) {
        URL u = TestData.class.getResource("/data/" + name);
        if (u == null) throw new IllegalStateException("missing test resource data/" + name);
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
