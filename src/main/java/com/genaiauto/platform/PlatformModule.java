package com.genaiauto.platform;

import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.cache.Caches;
import com.genaiauto.platform.db.DatabaseConfig;
import com.genaiauto.platform.db.DatabaseModule;
import com.genaiauto.platform.errors.ApiExceptionMapper;
import com.genaiauto.platform.errors.ConstraintViolationExceptionMapper;
import com.genaiauto.platform.errors.JsonProcessingExceptionMapper;
import com.genaiauto.platform.errors.UnexpectedExceptionMapper;
import com.genaiauto.platform.errors.WebApplicationExceptionMapper;
import com.genaiauto.platform.health.DatabaseProbe;
import com.genaiauto.platform.health.Draining;
import com.genaiauto.platform.housekeeping.Housekeeping;
import com.genaiauto.platform.housekeeping.HousekeepingConfig;
import com.genaiauto.platform.housekeeping.HousekeepingTask;
import com.genaiauto.platform.housekeeping.Retained;
import com.genaiauto.platform.openapi.ApiDocs;
import com.genaiauto.platform.tasks.TaskRegistry;
import com.genaiauto.platform.tasks.TaskResponseFilter;
import com.genaiauto.platform.tracing.ServerSpanFilter;
import com.genaiauto.platform.tracing.ServerSpanRoute;
import com.genaiauto.platform.tracing.SqlSpans;
import com.genaiauto.platform.tracing.Tracing;
import com.genaiauto.platform.tracing.TracingConfig;
import com.genaiauto.platform.health.HealthResource;
import com.genaiauto.platform.health.RedisProbe;
import com.genaiauto.platform.health.ServiceProbes;
import com.genaiauto.platform.metrics.MetricsExport;
import com.genaiauto.platform.ratelimit.RateLimiter;
import com.genaiauto.platform.ratelimit.UserRateLimitFilter;
import com.genaiauto.platform.ratelimit.UserRateLimits;
import com.genaiauto.platform.redis.RedisConfig;
import com.genaiauto.platform.redis.RedisConnector;
import com.genaiauto.platform.redis.RedisHealthCheck;
import com.genaiauto.platform.web.JsonErrorHandler;
import com.genaiauto.platform.web.LogContextFilter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.genaiauto.platform.web.CleanText;
import com.genaiauto.platform.web.CleanTextFilter;
import com.genaiauto.platform.web.HttpConfig;
import com.genaiauto.platform.web.RequestIdFilter;
import com.genaiauto.platform.web.RequestSizeLimitFilter;
import com.genaiauto.platform.web.SameOriginFilter;
import com.genaiauto.platform.web.SharedAssetsResource;
import com.genaiauto.platform.web.FaviconResource;
import com.genaiauto.platform.console.OperatorConsolePage;
import com.genaiauto.platform.web.ResponseTimeFilter;
import com.genaiauto.platform.errors.EmptyOptionalExceptionMapper;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.errors.EarlyEofExceptionMapper;
import io.dropwizard.jersey.errors.EofExceptionWriterInterceptor;
import io.opentelemetry.api.trace.Tracer;
import org.eclipse.jetty.server.Server;
import org.glassfish.jersey.server.ServerProperties;
import org.eclipse.jetty.util.component.LifeCycle;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import org.jdbi.v3.core.Jdbi;

/**
 * Infrastructure every module shares: the database (migrated, behind JDBI), Redis, the error
 * shape, request ids, tracing and the health endpoints. Modules receive the pieces they need from here.
 */
public final class PlatformModule {

    private final Jdbi jdbi;
    private final RedisConnector redis;
    private final ServiceProbes probes;
    private final String version;
    private final AuditLog audit;
    private final RateLimiter rateLimiter;
    private final Caches caches;
    private final RequestSizeLimitFilter bodyLimits;
    private final UserRateLimits userRateLimits;
    private final Draining draining;
    private final TaskRegistry tasks;
    private final Housekeeping housekeeping;
    private final Tracing tracing;
    private final ApiDocs apiDocs;

    private PlatformModule(Jdbi jdbi, RedisConnector redis, ServiceProbes probes, String version,
                           RequestSizeLimitFilter bodyLimits, HttpConfig.UserRateLimits userLimits,
                           Duration shutdownDrain, TaskRegistry tasks, Housekeeping housekeeping, Tracing tracing,
                           ApiDocs apiDocs) {
        this.jdbi = jdbi;
        this.apiDocs = apiDocs;
        this.tracing = tracing;
        this.bodyLimits = bodyLimits;
        this.redis = redis;
        this.probes = probes;
        this.version = version;
        this.audit = new AuditLog(jdbi);
        this.rateLimiter = new RateLimiter(redis);
        this.caches = new Caches(audit);
        this.userRateLimits = new UserRateLimits(rateLimiter, userLimits);
        this.draining = new Draining(shutdownDrain);
        this.tasks = tasks;
        this.housekeeping = housekeeping;
    }

    public static PlatformModule create(DatabaseConfig database, Map<String, String> migrationPlaceholders,
                                        RedisConfig redisConfig, HttpConfig http, HousekeepingConfig retention,
                                        TracingConfig tracingConfig, Environment environment) {
        Jdbi jdbi = DatabaseModule.create(database, migrationPlaceholders, environment).jdbi();
        Tracing tracing = Tracing.create(tracingConfig, AppVersion.current());
        if (tracing.enabled()) {
            SqlSpans.install(jdbi, tracing.tracer());
        }
        RedisConnector redis = new RedisConnector(redisConfig);
        // A few threads and no queue: a probe that cannot start is reported as "busy", and hung
        // probes cannot pile up behind each other.
        ExecutorService probeExecutor = environment.lifecycle()
                .executorService("health-probe-%d").minThreads(4).maxThreads(8)
                .workQueue(new SynchronousQueue<>()).build();
        ServiceProbes probes = new ServiceProbes(probeExecutor, Duration.ofSeconds(3), Duration.ofMillis(1000),
                Clock.systemUTC());
        return new PlatformModule(jdbi, redis, probes, AppVersion.current(),
                new RequestSizeLimitFilter(http.maxRequestBodyBytes()), http.userRateLimits(), http.shutdownDrain(),
                new TaskRegistry(environment.admin()),
                new Housekeeping(jdbi, retention, Clock.systemUTC(), environment.metrics()), tracing,
                new ApiDocs(environment.getObjectMapper(), AppVersion.current()));
    }

    /** The application's JSON: ISO-8601 instants, not epoch numbers; text without NUL. */
    public static void configureJson(ObjectMapper mapper) {
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.registerModule(CleanText.jacksonModule());
    }

    public void register(Environment environment) {
        environment.lifecycle().manage(redis);
        environment.healthChecks().register("redis", new RedisHealthCheck(redis));
        tasks.add(caches.flushTask());
        environment.lifecycle().manage(housekeeping);
        tasks.add(new HousekeepingTask(housekeeping));
        housekeeping.register(Retained.AUDIT_LOG, audit::purgeOlderThan);

        probes.register(new DatabaseProbe(jdbi));
        probes.register(new RedisProbe(redis));

        environment.servlets()
                .addFilter("request-id", new RequestIdFilter())
                .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        environment.lifecycle().manage(tracing);
        if (tracing.enabled()) {
            // Next after the request id, which the span carries; around everything else.
            environment.servlets()
                    .addFilter("tracing", new ServerSpanFilter(tracing.tracer(), tracing.propagators()))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
            environment.jersey().register(new ServerSpanRoute());
        }
        environment.servlets()
                .addFilter("request-size-limit", bodyLimits)
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.admin()
                .addFilter("same-origin", new SameOriginFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.admin()
                .addFilter("task-responses", new TaskResponseFilter(tasks))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/tasks", "/tasks/*");
        environment.getApplicationContext().setErrorHandler(new JsonErrorHandler());
        environment.lifecycle().addEventListener(draining);
        // Installed as the server starts, before it accepts connections.
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(new JsonErrorHandler.ServerErrorHandler());
                    // Every module has registered its probes by now.
                    MetricsExport.registerDependencyGauges(environment.metrics(), probes);
                }
            }
        });

        var jersey = environment.jersey();
        // Jersey holds back the first 8 KiB of every body to compute Content-Length, and ignores
        // flush() meanwhile: streamed answers (SSE) would arrive in one lump. Bodies go out as written.
        jersey.property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
        // A Location is sent as written (a path): made absolute here it would name this replica's own
        // scheme and port, not the address the client used through the proxy.
        jersey.property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        jersey.register(new ResponseTimeFilter());
        jersey.register(new CleanTextFilter());
        jersey.register(new UserRateLimitFilter(userRateLimits));
        jersey.register(LogContextFilter.class);
        jersey.register(new ApiExceptionMapper());
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new ConstraintViolationExceptionMapper());
        jersey.register(new JsonProcessingExceptionMapper());
        jersey.register(new UnexpectedExceptionMapper());
        jersey.register(new EmptyOptionalExceptionMapper());
        // Client went away mid-request: Dropwizard's handling, without error logs or 500s.
        jersey.register(new EarlyEofExceptionMapper());
        jersey.register(EofExceptionWriterInterceptor.class);
        jersey.register(new HealthResource(probes, version, draining));
        jersey.register(new SharedAssetsResource());
        jersey.register(new FaviconResource());
        jersey.register(new OperatorConsolePage());
        MetricsExport.register(environment);
        apiDocs.register(jersey);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public RedisConnector redis() {
        return redis;
    }

    /** Where modules start their spans; OpenTelemetry's no-op tracer when tracing is off. */
    public Tracer tracer() {
        return tracing.tracer();
    }

    /** Where a route that takes bodies larger than the default (uploads, the gateway) raises its limit. */
    public RequestSizeLimitFilter bodyLimits() {
        return bodyLimits;
    }

    /** Where modules register how their data past its retention age is removed. */
    public Housekeeping housekeeping() {
        return housekeeping;
    }

    /** Where modules add their admin tasks ({@code POST /tasks/<name>} on the admin port). */
    public TaskRegistry tasks() {
        return tasks;
    }

    /** Where modules describe routes they serve outside Jersey, for {@code /openapi.json}. */
    public ApiDocs apiDocs() {
        return apiDocs;
    }

    public ServiceProbes probes() {
        return probes;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Where modules register their caches for the operator's cache-flush task. */
    public Caches caches() {
        return caches;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** Requests per minute of each signed-in user, per route; chat sockets count their messages here. */
    public UserRateLimits userRateLimits() {
        return userRateLimits;
    }
}
