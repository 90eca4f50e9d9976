# syntax=docker/dockerfile:1
# Multi-stage build: Maven builds the shaded jar (the in-process embedding model is inside it),
# a slim JRE runs it as a non-root user.
#   docker build -t genai-auto .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so that source changes reuse the cached layer.
COPY pom.xml .
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q dependency:go-offline
COPY src ./src
COPY migrations ./migrations
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q -DskipTests package \
    && cp target/genai-auto.jar /genai-auto.jar

# glibc (Ubuntu) rather than Alpine: the embedding runtime ships native libraries built for glibc.
FROM eclipse-temurin:17-jre-jammy
ARG APP_UID=10001
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid "$APP_UID" genai \
    && useradd --system --uid "$APP_UID" --gid genai --home-dir /app --shell /usr/sbin/nologin genai
WORKDIR /app
COPY --from=build /genai-auto.jar /app/genai-auto.jar
COPY config.yml /app/config.yml
USER genai:genai

# Container-aware memory: the heap follows the container's limit (docker-compose.prod.yml),
# and an out-of-memory error restarts the container rather than limping on.
ENV APP_ENV=production \
    BIND_HOST=0.0.0.0 \
    ADMIN_BIND_HOST=127.0.0.1 \
    TRUST_FORWARDED_HEADERS=true \
    JAVA_OPTS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=70 -XX:InitialRAMPercentage=30 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -Djava.io.tmpdir=/tmp"
EXPOSE 8080 8081

HEALTHCHECK --interval=15s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1

# exec: java is PID 1 and receives SIGTERM from `docker stop` for a graceful shutdown.
STOPSIGNAL SIGTERM
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/genai-auto.jar server /app/config.yml"]
