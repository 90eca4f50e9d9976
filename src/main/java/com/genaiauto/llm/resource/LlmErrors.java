package com.genaiauto.llm.resource;

import com.genaiauto.llm.model.LlmException;
import com.genaiauto.platform.errors.ApiException;
import com.genaiauto.platform.errors.InvalidRequestException;
import com.genaiauto.platform.errors.ServiceUnavailableException;
import java.util.Map;

/**
 * What a failed model call means to a client: its own request was rejected (400), or no provider
 * could answer (503, retry shortly). Internal detail (which provider, why) stays in the logs.
 */
public final class LlmErrors {

    private LlmErrors() {
    }

    public static ApiException of(LlmException exception) {
        if (exception.kind() == LlmException.Kind.REQUEST) {
            return new RequestRejected(exception.httpStatus());
        }
        return new Unavailable();
    }

    private static final class RequestRejected extends InvalidRequestException {
        private static final long serialVersionUID = 1L;

        RequestRejected(int providerStatus) {
            super("llm_request_rejected", "The model provider rejected the request (for example, it is too long).",
                    Map.of("providerStatus", providerStatus));
        }
    }

    private static final class Unavailable extends ServiceUnavailableException {
        private static final long serialVersionUID = 1L;

        Unavailable() {
            super("llm_unavailable", "No language model is available right now. Try again shortly.", null);
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", "5");
        }
    }
}
