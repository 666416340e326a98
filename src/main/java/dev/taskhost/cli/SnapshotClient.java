package dev.taskhost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskhost.guard.RunningHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Fetches the live snapshot from whichever server of the host answers. */
final class SnapshotClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private SnapshotClient() {
  }

  static Optional<JsonNode> fetch(RunningHost recorded) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT).build();
    for (RunningHost.Server server : recorded.servers()) {
      if (!"listening".equals(server.state()) || server.port() == null) {
        continue;
      }
      Optional<JsonNode> snapshot = fetch(client, connectHost(server.host()), server.port());
      if (snapshot.isPresent()) {
        return snapshot;
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> fetch(HttpClient client, String host, int port) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port
          + "/api/status")).timeout(TIMEOUT).GET().build();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      return Optional.ofNullable(new ObjectMapper().readTree(response.body()));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  // A wildcard listener is reached through loopback.
  private static String connectHost(String host) {
    if (host == null || host.equals("0.0.0.0") || host.equals("localhost")) {
      return "127.0.0.1";
    }
    if (host.equals("::")) {
      return "[::1]";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
