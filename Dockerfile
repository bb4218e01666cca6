# One image per app module: docker build --build-arg MODULE=task-api -t imagegen/task-api .
FROM eclipse-temurin:25-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -B -q install -DskipTests -pl ${MODULE} -am

FROM eclipse-temurin:25-jre
ARG MODULE
# curl serves the container health check.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 imagegen && mkdir -p /var/lib/imagegen/images && chown -R imagegen /var/lib/imagegen
COPY --from=build /src/${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT-exec.jar /app/app.jar
USER imagegen
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
