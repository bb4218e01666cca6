package dev.imagegen.worker;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A tiny HTTP/1.1 server on loopback that also accepts websocket upgrades on the same port, as
 * ComfyUI serves both (the JDK's HttpServer cannot hand over a socket). One request per connection.
 */
final class RawHttpServer implements AutoCloseable {

    record Request(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Response(int status, String contentType, byte[] body) {

        static Response json(int status, String json) {
            return new Response(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    interface Handler {
        Response handle(Request request) throws Exception;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final String socketPath;
    private final Consumer<WebSocketPeer> onSocket;
    private volatile boolean socketsAccepted = true;

    RawHttpServer(Handler handler, String socketPath, Consumer<WebSocketPeer> onSocket) {
        this.handler = handler;
        this.socketPath = socketPath;
        this.onSocket = onSocket;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("raw-http-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Whether websocket upgrades are answered (otherwise 404, as without a websocket route). */
    void acceptSockets(boolean accepted) {
        socketsAccepted = accepted;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            Request request = read(in);
            if (request.path().equals(socketPath)
                    && "websocket".equalsIgnoreCase(request.headers().getOrDefault("upgrade", ""))) {
                if (socketsAccepted) {
                    upgrade(socket, in, out, request);
                    return;
                }
                write(out, Response.json(404, "{}"));
            } else {
                Response response;
                try {
                    response = handler.handle(request);
                } catch (Exception e) {
                    response = Response.json(500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
                }
                write(out, response);
            }
            socket.close();
        } catch (IOException e) {
            closeQuietly(socket);
        }
    }

    private void upgrade(Socket socket, InputStream in, OutputStream out, Request request) throws IOException {
        String accept;
        try {
            accept = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-1")
                            .digest((request.headers().get("sec-websocket-key")
                                            + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        WebSocketPeer peer = new WebSocketPeer(socket, out, request.query());
        onSocket.accept(peer);
        peer.readUntilClosed(in);
    }

    private static Request read(InputStream in) throws IOException {
        String[] start = line(in).split(" ");
        Map<String, String> headers = new HashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).strip());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        String target = start[1];
        int q = target.indexOf('?');
        Map<String, String> query = new HashMap<>();
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                query.put(
                        URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return new Request(start[0], q < 0 ? target : target.substring(0, q), query, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(OutputStream out, Response response) throws IOException {
        out.write(("HTTP/1.1 " + response.status() + " X\r\nContent-Type: " + response.contentType()
                        + "\r\nContent-Length: " + response.body().length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(response.body());
        out.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
