package com.genaiauto.pii;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.OutputStreamAppender;
import io.dropwizard.logging.common.FileAppenderFactory;
import io.dropwizard.logging.common.async.AsyncLoggingEventAppenderFactory;
import io.dropwizard.logging.common.filter.ThresholdLevelFilterFactory;
import io.dropwizard.logging.common.layout.DropwizardLayoutFactory;
import io.dropwizard.request.logging.layout.LogbackAccessRequestLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiiLogMaskingTest {

    private static final String USER_TEXT =
            "user wrote: mail dana@example.com, call +49 30 1234567, card 4111 1111 1111 1111";
    /** The format of config.yml at the time of writing; the test reads the current one when it can. */
    private static final String FALLBACK_FORMAT =
            "%-5level [%d{ISO8601,UTC}] [%thread] [rid=%X{requestId:--}] %logger{36}: %msg%n%rEx";

    @BeforeAll
    static void install() {
        PiiLogMasking.install();
    }

    @AfterAll
    static void uninstall() {
        PiiLogMasking.uninstall();
    }

    @AfterEach
    void enableAgain() {
        PiiLogMasking.setEnabled(true);
    }

    /** A private logger context, so the test neither depends on nor disturbs the JVM's logging. */
    private static LoggerContext newContext() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        return context;
    }

    @Nested
    @DisplayName("through Dropwizard's appender factory with the configured logFormat")
    class Dropwizard {

        @TempDir
        Path dir;

        @Test
        void shouldMaskTheMessageAndTheStackTrace() throws IOException {
            Path file = dir.resolve("app.log");
            LoggerContext context = newContext();
            FileAppenderFactory<ILoggingEvent> factory = new FileAppenderFactory<>();
            factory.setCurrentLogFilename(file.toString());
            factory.setArchive(false);
            factory.setLogFormat(configuredLogFormat());
            Appender<ILoggingEvent> appender = factory.build(context, "genai-auto", new DropwizardLayoutFactory(),
                    new ThresholdLevelFilterFactory(), new AsyncLoggingEventAppenderFactory());
            Logger logger = context.getLogger("chat");
            logger.addAppender(appender);

            logger.info("Chat message from {}: {}", "dana@example.com", USER_TEXT);
            logger.error("Could not save the customer", new IllegalStateException("insert failed",
                    new SQLException("Key (email)=(lee@example.com) already exists, phone 555-123-4567")));
            appender.stop();
            context.stop();

            String log = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(log)
                    .contains("Chat message from [EMAIL_1]: user wrote: mail [EMAIL_1], call [PHONE_1], card [CARD_1]")
                    .contains("Key (email)=([EMAIL_1]) already exists, phone [PHONE_1]")
                    .contains("Could not save the customer")
                    .doesNotContain("dana@example.com", "lee@example.com", "1234567", "4111", "555-123-4567");
        }

        private static String configuredLogFormat() throws IOException {
            Path config = Path.of("config.yml");
            if (Files.exists(config)) {
                // The application log's format: the first logFormat after the top-level "logging:" key.
                Matcher m = Pattern.compile("(?ms)^logging:.*?logFormat:\\s*'([^']+)'").matcher(Files.readString(config));
                if (m.find()) {
                    return m.group(1);
                }
            }
            return FALLBACK_FORMAT;
        }
    }

    @Nested
    @DisplayName("in a plain logback pattern")
    class Logback {

        @Test
        void shouldMaskWithTheExplicitConversionWord() {
            assertThat(render("%level %" + PiiLogMasking.CONVERSION_WORD + "%n", USER_TEXT))
                    .isEqualTo("INFO user wrote: mail [EMAIL_1], call [PHONE_1], card [CARD_1]\n");
        }

        @Test
        void shouldMaskThroughTheShortMessageWords() {
            assertThat(render("%m|%message", "dana@example.com")).isEqualTo("[EMAIL_1]|[EMAIL_1]");
        }

        @Test
        void shouldLeaveOrdinaryMessagesAlone() {
            String message = "Booked bay 3 for VIN 1HGCM82633A004352 on 2025-11-28 at 09:30, 45,000 km, 0W-20";

            assertThat(render("%msg", message)).isEqualTo(message);
        }

        @Test
        void shouldWriteMessagesAsTheyAreWhenMaskingIsSwitchedOff() {
            PiiLogMasking.setEnabled(false);

            assertThat(render("%msg", "dana@example.com")).isEqualTo("dana@example.com");
        }

        @Test
        void shouldBeInstalledOnce() {
            PiiLogMasking.install();

            assertThat(PiiLogMasking.isInstalled()).isTrue();
            assertThat(PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.get("msg").get())
                    .isInstanceOf(PiiMaskingMessageConverter.class);
        }

        private String render(String pattern, String message) {
            LoggerContext context = newContext();
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern(pattern);
            encoder.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
            appender.setContext(context);
            appender.setEncoder(encoder);
            appender.setOutputStream(out);
            appender.start();
            Logger logger = context.getLogger("chat");
            logger.addAppender(appender);
            logger.info(message);
            appender.stop();
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Nested
    @DisplayName("in the request log")
    class RequestLog {

        @Test
        void shouldMaskWhatTheOwnerTypedIntoTheQueryString() {
            String line = render("\"%r\" %q", "GET /chat?q=my%20mail%20is%20dana%40example.com%0Aphone+0171+2345678 HTTP/1.1",
                    "?q=my%20mail%20is%20dana%40example.com%0Aphone+0171+2345678");

            assertThat(line).isEqualTo("\"GET /chat?q=my mail is [EMAIL_1]?phone [PHONE_1] HTTP/1.1\" "
                    + "?q=my mail is [EMAIL_1]?phone [PHONE_1]");
        }

        @Test
        void shouldWriteOrdinaryRequestLinesAsTheyCame() {
            String requestLine = "GET /api/v1/vehicles/1HGCM82633A004352/service-history?from=2025-01-01&size=20 HTTP/1.1";

            assertThat(render("%r", requestLine, "")).isEqualTo(requestLine);
        }

        private String render(String pattern, String requestLine, String queryString) {
            LogbackAccessRequestLayout layout = new LogbackAccessRequestLayout(new ContextBase(), TimeZone.getTimeZone("UTC"));
            layout.setPattern(pattern);
            layout.start();
            IAccessEvent event = (IAccessEvent) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {IAccessEvent.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getRequestURL" -> requestLine;
                        case "getQueryString" -> queryString;
                        default -> null;
                    });
            return layout.doLayout(event).stripTrailing(); // the access layout ends each line itself
        }
    }
}
