package com.genaiauto.pii;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} with personal data replaced by placeholders, so that text a user typed never
 * reaches a log line as it was written. Registered by {@link PiiLogMasking#install()}.
 */
public class PiiMaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PiiLogMasking.mask(super.convert(event));
    }
}
