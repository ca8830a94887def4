package dev.switchboard.dist;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code chromium}, headless, driven over the DevTools protocol (a WebSocket, with the JDK's
 * client): open a page, evaluate JavaScript in it, take a screenshot.
 *
 * <pre>{@code
 * try (HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("profile"));
 *      HeadlessChromium.Page page = chromium.open("http://127.0.0.1:8080/")) {
 *     String title = page.evaluate("document.title");
 * }
 * }</pre>
 */
final class HeadlessChromium implements AutoCloseable {

    /** The flags the issue names, plus a debugging port the OS picks and a window size for screenshots. */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--remote-debugging-port=0", "--window-size=1280,900");

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().proxy(java.net.ProxySelector.of(null)).build();

    private HeadlessChromium(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("chromium", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Starts chromium with a fresh profile in {@code profile} and waits for its DevTools port. */
    static HeadlessChromium start(Path profile) throws IOException, InterruptedException {
        Files.createDirectories(profile);
        List<String> command = new java.util.ArrayList<>(List.of("chromium"));
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.add("about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return new HeadlessChromium(process, Integer.parseInt(lines.get(0).strip()));
                }
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        destroy(process);
        throw new IOException("chromium did not open its DevTools port; see " + profile.resolveSibling("chromium.log"));
    }

    /** Opens a new tab on {@code url}. */
    Page open(String url) throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/new?" + url))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher ws = Pattern.compile("\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        if (!ws.find()) {
            throw new IOException("no page target: " + created.body());
        }
        return new Page(http, URI.create(ws.group(1)));
    }

    @Override
    public void close() {
        try {
            destroy(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void destroy(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroy);
    }

    /** One tab, over its DevTools WebSocket. Calls are answered in order; events are skipped. */
    static final class Page implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final AtomicInteger ids = new AtomicInteger();
        private final WebSocket socket;

        Page(HttpClient http, URI uri) {
            socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).buildAsync(uri, this).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** @return the raw JSON answer to one DevTools call */
        String call(String method, String paramsJson) throws IOException, InterruptedException {
            int id = ids.incrementAndGet();
            socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}", true)
                    .join();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                String message = messages.poll(1, TimeUnit.SECONDS);
                if (message != null && message.startsWith("{\"id\":" + id + ",")) {
                    if (message.contains("\"error\":")) {
                        throw new IOException(method + " failed: " + message);
                    }
                    return message;
                }
            }
            throw new IOException(method + " got no answer within 30 s");
        }

        /** @return what the expression evaluates to, as a string ({@code String(...)} of it) */
        String evaluate(String expression) throws IOException, InterruptedException {
            String answer = call("Runtime.evaluate", "{\"expression\":" + quote("String(" + expression + ")")
                    + ",\"returnByValue\":true}");
            Matcher value = Pattern.compile("\"value\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(answer);
            if (!value.find()) {
                throw new IOException("no value in " + answer);
            }
            return unescape(value.group(1));
        }

        /** @return the visible page as PNG */
        byte[] screenshot() throws IOException, InterruptedException {
            Matcher data = Pattern.compile("\"data\":\"([^\"]+)\"")
                    .matcher(call("Page.captureScreenshot", "{\"format\":\"png\"}"));
            if (!data.find()) {
                throw new IOException("no screenshot data");
            }
            return Base64.getDecoder().decode(data.group(1));
        }

        /** Undoes JSON string escapes, {@code \\uXXXX} included. */
        private static String unescape(String s) {
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
            return out.toString();
        }

        private static String quote(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
