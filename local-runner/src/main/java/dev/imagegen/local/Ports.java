package dev.imagegen.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Refuses to start a part over a port that another process holds, naming that process. */
public final class Ports {

    private Ports() {}

    /** Throws, naming the holder where the OS tells, when {@code port} cannot be listened on. */
    public static void requireFree(int port, String forWhat) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException taken) {
            throw new IllegalStateException("Port %d, needed for %s, is taken by %s; stop it first"
                    .formatted(port, forWhat, holder(port).orElse("another process")));
        }
    }

    /** The process listening on {@code port}, as "pid 123 (command line)", read from /proc on Linux. */
    static Optional<String> holder(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            inodes.addAll(listeningInodes(Path.of(table), port));
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> holdsSocket(p, inodes))
                    .findFirst()
                    .map(p -> "pid " + p.getFileName() + " (" + commandLine(p) + ")");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Set<String> listeningInodes(Path table, int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        try {
            for (String line : Files.readAllLines(table)) {
                String[] f = line.trim().split("\\s+");
                // local_address is f[1] ("0100007F:1F90"), st is f[3] ("0A" = LISTEN), inode is f[9]
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                    inodes.add(f[9]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the holder stays unnamed
        }
        return inodes;
    }

    private static boolean holdsSocket(Path process, Set<String> inodes) {
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    return target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1));
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static String commandLine(Path process) {
        try {
            String line = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ')
                    .trim();
            return line.length() > 120 ? line.substring(0, 117) + "..." : line;
        } catch (IOException e) {
            return "?";
        }
    }
}
