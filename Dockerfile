# GenAI Auto's image: a JRE runs the shaded jar (the in-process embedding model is inside it) as a
# non-root user. Two ways to build it:
#   docker build -t genai-auto .                         # Maven builds the jar in a build stage
#   mvn -DskipTests package && docker build --target runtime -t genai-auto .   # jar built on the host
# The stages are ordered so that `--target runtime` never needs the Maven image.

# glibc (Ubuntu) rather than Alpine: the embedding runtime ships native libraries built for glibc.
FROM eclipse-temurin:17.0.13_11-jre-jammy AS runtime-base
ARG APP_UID=10001
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid "$APP_UID" genai \
    && useradd --system --uid "$APP_UID" --gid genai --home-dir /app --shell /usr/sbin/nologin genai
WORKDIR /app
COPY config.yml /app/config.yml

# Container-aware memory: the heap follows the container's limit (docker-compose.prod.yml),
# and an out-of-memory error restarts the container rather than limping on.
ENV APP_ENV=production \
    BIND_HOST=0.0.0.0 \
    ADMIN_BIND_HOST=127.0.0.1 \
    TRUST_FORWARDED_HEADERS=true \
    JAVA_OPTS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=70 -XX:InitialRAMPercentage=30 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -Djava.io.tmpdir=/tmp"
EXPOSE 8080 8081

# Liveness only: readiness (/health/ready) is for the proxy and the deploy script, which must not
# restart a replica because PostgreSQL is briefly away.
HEALTHCHECK --interval=5s --timeout=3s --start-period=120s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1

# exec: java is PID 1 and receives SIGTERM from `docker stop` for a graceful shutdown (readiness
# turns 503, in-flight requests finish, then the process exits).
STOPSIGNAL SIGTERM
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/genai-auto.jar server /app/config.yml"]

# The image from a jar built on the host (CI, the stack test).
FROM runtime-base AS runtime
ARG APP_VERSION=dev
LABEL org.opencontainers.image.title="genai-auto" \
      org.opencontainers.image.version="$APP_VERSION"
ENV APP_RELEASE=$APP_VERSION
COPY --chown=root:root target/genai-auto.jar /app/genai-auto.jar
USER genai:genai

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so that source changes reuse the cached layer.
COPY pom.xml .
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q dependency:go-offline
COPY src ./src
COPY migrations ./migrations
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q -DskipTests package \
    && cp target/genai-auto.jar /genai-auto.jar

# The default target: everything built inside Docker.
FROM runtime-base AS app
ARG APP_VERSION=dev
LABEL org.opencontainers.image.title="genai-auto" \
      org.opencontainers.image.version="$APP_VERSION"
ENV APP_RELEASE=$APP_VERSION
COPY --from=build --chown=root:root /genai-auto.jar /app/genai-auto.jar
USER genai:genai
