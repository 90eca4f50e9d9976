# syntax=docker/dockerfile:1
# Multi-stage build: Maven builds the shaded jar, a slim JRE runs it as a non-root user.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so that source changes reuse the cached layer.
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src ./src
COPY migrations ./migrations
RUN mvn -B -ntp -q -DskipTests package

FROM eclipse-temurin:17-jre-jammy
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 genai \
    && useradd --system --uid 10001 --gid genai --home /app --shell /usr/sbin/nologin genai
WORKDIR /app
COPY --from=build /src/target/genai-auto.jar /app/genai-auto.jar
COPY config.yml /app/config.yml
USER genai:genai

ENV APP_ENV=production \
    BIND_HOST=0.0.0.0 \
    ADMIN_BIND_HOST=127.0.0.1 \
    TRUST_FORWARDED_HEADERS=true \
    JAVA_OPTS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=70 -XX:InitialRAMPercentage=30 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC"
EXPOSE 8080 8081

HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1

ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/genai-auto.jar server /app/config.yml"]
