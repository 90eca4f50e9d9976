package com.genaiauto.testing;

import com.genaiauto.GenAiAutoApplication;
import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.platform.errors.ConflictException;
import com.genaiauto.platform.errors.TooManyRequestsException;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real application plus a few endpoints that fail in known ways, so the error contract can
 * be checked before the modules that will raise these errors exist.
 */
public class ProbeResourcesApplication extends GenAiAutoApplication {

    @Override
    public void run(GenAiAutoConfiguration config, Environment environment) {
        super.run(config, environment);
        environment.jersey().register(new FailingResource());
        environment.admin().addTask(new com.genaiauto.platform.tasks.AdminTask("test-explode",
                "Fails the way a bug would, quoting internals in its exception.") {
            @Override
            protected void run(com.genaiauto.platform.tasks.TaskInput input, java.io.PrintWriter output) {
                output.println("half a report");
                throw new IllegalStateException("connection to jdbc:postgresql://10.0.0.5/prod refused");
            }
        });
    }

    public record Booking(@NotBlank String vin, @NotNull @Min(1) @Max(12) Integer slot) {
    }

    @Path("/test-probes")
    @Produces(MediaType.APPLICATION_JSON)
    public static class FailingResource {

        private static final Logger LOG = LoggerFactory.getLogger(FailingResource.class);

        @POST
        @Path("/bookings")
        @Consumes(MediaType.APPLICATION_JSON)
        public Map<String, Object> book(@Valid @NotNull Booking booking) {
            return Map.of("vin", booking.vin(), "slot", booking.slot());
        }

        @GET
        @Path("/page")
        public Map<String, Object> page(@QueryParam("limit") @Min(1) @Max(100) Integer limit) {
            return Map.of("limit", limit == null ? 20 : limit);
        }

        @GET
        @Path("/boom")
        public Map<String, Object> boom() {
            LOG.warn("about to fail on purpose");
            throw new IllegalStateException("SELECT secret FROM internal_table -- must never reach a client");
        }

        @GET
        @Path("/conflict")
        public Map<String, Object> conflict() {
            throw new ConflictException("That slot is already booked.", Map.of("slot", "2026-12-01T09:00Z"));
        }

        /** What the log context holds while a signed-in request runs. */
        @GET
        @Path("/log-context/{anything}")
        @jakarta.annotation.security.PermitAll
        public Map<String, String> logContext(@io.dropwizard.auth.Auth com.genaiauto.auth.model.AuthenticatedUser user,
                                              @jakarta.ws.rs.PathParam("anything") String anything) {
            return org.slf4j.MDC.getCopyOfContextMap();
        }

        @GET
        @Path("/slow-down")
        public Map<String, Object> slowDown() {
            throw new TooManyRequestsException("Too many attempts.", Duration.ofMillis(1500));
        }
    }
}
