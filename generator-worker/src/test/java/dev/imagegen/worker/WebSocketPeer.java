package dev.imagegen.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The server's end of one websocket: unmasked frames out, client frames read until close. */
final class WebSocketPeer {

    private final Socket socket;
    private final OutputStream out;
    private final Map<String, String> query;
    private volatile boolean open = true;

    WebSocketPeer(Socket socket, OutputStream out, Map<String, String> query) {
        this.socket = socket;
        this.out = out;
        this.query = query;
    }

    Map<String, String> query() {
        return query;
    }

    boolean isOpen() {
        return open;
    }

    void sendText(String text) {
        send(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBinary(byte[] data) {
        send(0x2, data);
    }

    synchronized void send(int opcode, byte[] payload) {
        if (!open) {
            return;
        }
        try {
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else if (payload.length < 65536) {
                out.write(126);
                out.write(
                        ByteBuffer.allocate(2).putShort((short) payload.length).array());
            } else {
                out.write(127);
                out.write(ByteBuffer.allocate(8).putLong(payload.length).array());
            }
            out.write(payload);
            out.flush();
        } catch (IOException e) {
            open = false;
        }
    }

    /** Reads (and drops) the client's frames; answers a close or ping, and ends when the client goes. */
    void readUntilClosed(InputStream in) {
        try {
            while (open) {
                int first = in.read();
                int second = in.read();
                if (first < 0 || second < 0) {
                    break;
                }
                long length = second & 0x7f;
                if (length == 126) {
                    length = ByteBuffer.wrap(in.readNBytes(2)).getShort() & 0xffff;
                } else if (length == 127) {
                    length = ByteBuffer.wrap(in.readNBytes(8)).getLong();
                }
                byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
                byte[] payload = in.readNBytes((int) length);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = first & 0x0f;
                if (opcode == 0x8) {
                    send(0x8, new byte[0]);
                    break;
                }
                if (opcode == 0x9) {
                    send(0xA, payload);
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open = false;
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    void close() {
        send(0x8, new byte[0]);
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
