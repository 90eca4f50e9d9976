package com.genaiauto.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The running release: the image's version (APP_RELEASE, baked in by the Dockerfile from its
 * APP_VERSION build argument, so that each replica says which image it runs during a rolling
 * update), else the build's version from the jar manifest or, when run from classes, the
 * filtered resource.
 */
public final class AppVersion {

    private static final String RESOURCE = "/genai-auto-version.properties";

    private AppVersion() {
    }

    public static String current() {
        String release = System.getenv("APP_RELEASE");
        if (release != null && !release.isBlank()) {
            return release.strip();
        }
        String fromManifest = AppVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        try (InputStream in = AppVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException ignored) {
            // Fall through: an unknown version is not worth failing start-up for.
        }
        return "unknown";
    }
}
