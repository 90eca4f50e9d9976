package com.genaiauto.pii;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.pattern.RootCauseFirstThrowableProxyConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Stack traces with personal data masked: exception messages often quote input (a duplicate-key
 * error names the e-mail address, a parse error repeats the request). One per logback conversion
 * word family ({@code %ex}, {@code %xEx}, {@code %rEx}); registered by {@link PiiLogMasking#install()}.
 */
public final class PiiMaskingThrowableConverters {

    private PiiMaskingThrowableConverters() {
    }

    /** {@code %ex}. */
    public static class Plain extends ThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy proxy) {
            return PiiLogMasking.mask(super.throwableProxyToString(proxy));
        }
    }

    /** {@code %xEx}. */
    public static class Extended extends ExtendedThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy proxy) {
            return PiiLogMasking.mask(super.throwableProxyToString(proxy));
        }
    }

    /** {@code %rEx}. */
    public static class RootCauseFirst extends RootCauseFirstThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy proxy) {
            return PiiLogMasking.mask(super.throwableProxyToString(proxy));
        }
    }
}
